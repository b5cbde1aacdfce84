using System.Text;

namespace Maas.Engine.AI.Offline;

/// <summary>Estimates token counts without a tokenizer.</summary>
/// <remarks>
/// This is only an estimate (about four UTF-8 bytes per token): real tokenizers differ by model and language,
/// but an offline client has none, and usage figures must still be plausible and grow with the text.
/// </remarks>
internal static class TokenEstimator
{
    private const int BytesPerToken = 4;

    /// <summary>Returns ceil(UTF-8 byte count / 4) for <paramref name="text"/>, or zero when it is null or empty.</summary>
    public static long Estimate(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        long bytes = Encoding.UTF8.GetByteCount(text);
        return (bytes + BytesPerToken - 1) / BytesPerToken;
    }
}
