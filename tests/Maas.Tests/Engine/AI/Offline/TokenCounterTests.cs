using Maas.Engine.AI.Offline;
using Microsoft.ML.Tokenizers;

namespace Maas.Tests.Engine.AI.Offline;

/// <summary>The offline client's token counts: o200k_base's own, in pieces, so no input can make counting quadratic.</summary>
public sealed class TokenCounterTests
{
    private static readonly Tokenizer O200k = TiktokenTokenizer.CreateForEncoding("o200k_base");

    [Fact]
    public void Counts_long_ordinary_text_exactly_as_the_tokenizer_does_in_one_piece()
    {
        var words = Enumerable.Range(0, 4_000).Select(i => i % 7 == 0 ? $"line{i}.\n" : $"word{i % 97}");
        var text = string.Join(' ', words);

        Assert.True(text.Length > 10 * 256);
        Assert.Equal(O200k.CountTokens(text), TokenCounter.Count(text));
    }

    [Fact]
    public void Counts_a_run_without_spaces_longer_than_a_piece_as_about_what_it_is()
    {
        // Half a megabyte of one letter: counted whole, byte-pair encoding is quadratic in it (minutes); in pieces it
        // is not, and the count stays within a token a piece of the tokenizer's own count of a shorter run.
        var run = new string('z', 512 * 1024);
        var perPiece = O200k.CountTokens(run[..256]);

        Assert.InRange(TokenCounter.Count(run), perPiece * 2048 - 2048, perPiece * 2048 + 2048);
    }
}
