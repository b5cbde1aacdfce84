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

    // Byte-pair encoding is quadratic in the length of one pre-token, and a run without spaces is one pre-token: a
    // task whose input held half a megabyte of one letter kept a worker counting for minutes, and ten such tasks
    // starved every valid task behind them (the fault suite's flood). Long text is counted in pieces cut before
    // a space that follows a word, where o200k's pre-tokens part anyway, so the count of ordinary text is unchanged;
    // only a run longer than a piece is cut inside, which may count a token or two more.
    private const int MaxPiece = 256;

    /// <summary>The tokens of <paramref name="text"/>, zero when it is null or empty; linear in its length.</summary>
    public static long Count(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        var tokenizer = _tokenizer.Value;
        var rest = text.AsSpan();
        long total = 0;
        while (rest.Length > MaxPiece)
        {
            var cut = Cut(rest[..MaxPiece]);
            total += tokenizer.CountTokens(rest[..cut]);
            rest = rest[cut..];
        }

        return total + tokenizer.CountTokens(rest);
    }

    // Before the last space that follows a word: the word and " next" are pre-tokens of their own either way.
    private static int Cut(ReadOnlySpan<char> piece)
    {
        for (var i = piece.Length - 1; i > 0; i--)
        {
            if (piece[i] == ' ' && !char.IsWhiteSpace(piece[i - 1]))
            {
                return i;
            }
        }

        return piece.Length;
    }

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
