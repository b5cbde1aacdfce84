using System.Collections.Concurrent;
using Microsoft.ML.Tokenizers;

namespace Maas.Engine.AI.Offline;

/// <summary>
/// Counts tokens as OpenAI's o200k_base encoding (GPT-4o's) does. The offline client has no model of its own, so it
/// reports what a common real model would have counted; the vocabulary is embedded in the Data package, so nothing
/// is downloaded, and it is loaded once per process.
/// </summary>
internal static class TokenCounter
{
    // System messages are the agents' and kinds' fixed instructions, the same few texts on every task; counting them
    // was most of the offline client's cost per task (the kind's instructions alone are ~500 characters). Measured
    // on the shared 2-core box, one offline ChatAgent.Run of the seed task: ~45 us without this, ~20 us with it
    // (best of 15 rounds of 20,000; the byte-estimate client before the tokenizer: ~6-14 us).
    private const int MaxRememberedTexts = 256;

    private static readonly Lazy<Tokenizer> _tokenizer = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));
    private static readonly ConcurrentDictionary<string, long> _remembered = new(StringComparer.Ordinal);

    /// <summary>The tokens of <paramref name="text"/>, zero when it is null or empty.</summary>
    public static long Count(string? text) => string.IsNullOrEmpty(text) ? 0 : _tokenizer.Value.CountTokens(text);

    /// <summary>The tokens of a text that recurs (a system message): counted once, then remembered, up to a bound.</summary>
    public static long CountRecurring(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        if (_remembered.TryGetValue(text, out var count))
        {
            return count;
        }

        count = Count(text);
        if (_remembered.Count < MaxRememberedTexts)
        {
            _remembered.TryAdd(text, count);
        }

        return count;
    }
}
