using Sitrep.Coding;
using Sitrep.Text;

namespace Sitrep.Attributes.Tests;

/// <summary>Builds docs with the real tokenizer and hand-made coded events, so the stage is tested without the coder.</summary>
internal static class TestDocs
{
    public static readonly AttributeAnnotator Annotator = AttributeAnnotator.LoadDefault();

    public static Doc Make(string body, string published = "2023-03-13", string? title = null, string? id = null)
    {
        var meta = new ArticleMetadata(title, null, null, DateTimeOffset.Parse(published + "T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture), "en", null);
        return Tokenizer.Default.Process(Article.Create(id, title, body, meta));
    }

    /// <summary>A coded event whose trigger is the <paramref name="occurrence"/>-th occurrence of <paramref name="trigger"/>.</summary>
    public static CodedEvent Event(Doc doc, string trigger, string cameo, int occurrence = 0, bool negated = false, string? modality = null)
    {
        var pos = -1;
        for (var i = 0; i <= occurrence; i++)
        {
            pos = doc.Text.IndexOf(trigger, pos + 1, StringComparison.Ordinal);
            Assert.True(pos >= 0, $"trigger '{trigger}' not in text");
        }
        var span = new TextSpan(pos, pos + trigger.Length);
        var sentence = 0;
        for (var s = 0; s < doc.Sentences.Length; s++)
        {
            if (doc.Sentences[s].Start <= pos && pos < doc.Sentences[s].End)
            {
                sentence = s;
            }
        }
        return new CodedEvent($"ev{pos}", doc.Article.Id, sentence, span, trigger, cameo, "label", 4, -5.0, "ASSAULT", null, null, null,
            negated, modality, [], []);
    }
}
