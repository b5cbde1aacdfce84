using Microsoft.ML.Tokenizers;

namespace Maas.Engine.AI.Offline;

/// <summary>
/// Counts tokens as OpenAI's o200k_base encoding (GPT-4o's) does. The offline client has no model of its own, so it
/// reports what a common real model would have counted; the vocabulary is embedded in the Data package, so nothing
/// is downloaded, and it is loaded once per process.
/// </summary>
internal static class TokenCounter
{
    private static readonly Lazy<Tokenizer> _tokenizer = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));

    /// <summary>The tokens of <paramref name="text"/>, zero when it is null or empty.</summary>
    public static long Count(string? text) => string.IsNullOrEmpty(text) ? 0 : _tokenizer.Value.CountTokens(text);
}
