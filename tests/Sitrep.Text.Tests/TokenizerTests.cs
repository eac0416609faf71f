namespace Sitrep.Text.Tests;

public sealed class TokenizerTests
{
    private static Doc Run(string body, string? title = null) => Tokenizer.Default.Process(Article.Create("t", title, body));

    private static string Words(Doc doc) => string.Join(" ", Enumerable.Range(0, doc.Count).Select(i => doc[i].Text));

    private static string[] Sentences(Doc doc) => doc.AllSentences().Select(s => string.Join(" ", Enumerable.Range(0, s.TokenCount).Select(i => s[i].Text))).ToArray();

    [Theory]
    [InlineData("Moscow's army lost a total of 159,090 military personnel.", "Moscow 's army lost a total of 159,090 military personnel .")]
    [InlineData("They don't know, and cannot say.", "They do n't know , and can not say .")]
    [InlineData("We're gonna win; it won't stop.", "We 're gon na win ; it wo n't stop .")]
    [InlineData("U.S. and Iraqi officials met Gen. Smith on Feb. 3 at No. 10.", "U.S. and Iraqi officials met Gen. Smith on Feb. 3 at No. 10 .")]
    [InlineData("It rose 1.5% to $4.2 billion on 11.03.2023.", "It rose 1.5 % to $ 4.2 billion on 11.03.2023 .")]
    [InlineData("Mail press@voanews.com or see https://www.voanews.com/a/x.html.", "Mail press@voanews.com or see https://www.voanews.com/a/x.html .")]
    [InlineData("Follow @VOANews and #Ukraine... now!", "Follow @VOANews and #Ukraine ... now !")]
    [InlineData("\"My husband... is there,\" she said – five at a time.", "\" My husband ... is there , \" she said – five at a time .")]
    [InlineData("the soldiers' families", "the soldiers ' families")]
    public void SplitsWordsAsUdDoes(string text, string expected)
    {
        var doc = Run(text);
        Assert.Equal(expected, Words(doc));
        foreach (var t in doc.Tokens)
        {
            Assert.False(t.End <= t.Start);
        }
    }

    [Fact]
    public void SplitsSentences()
    {
        var doc = Run("Last year, Putin ordered a partial mobilization. The order sparked rare protests across the U.S. It was rare.", "Relatives slam Putin");
        Assert.Equal(
            ["Relatives slam Putin", "Last year , Putin ordered a partial mobilization .", "The order sparked rare protests across the U.S.", "It was rare ."],
            Sentences(doc));
    }
}
