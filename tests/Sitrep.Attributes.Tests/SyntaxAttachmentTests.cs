namespace Sitrep.Attributes.Tests;

/// <summary>With a dependency parse, dates and places attach to the event they modify, not to the nearest one.</summary>
public sealed class SyntaxAttachmentTests
{
    private static Text.Doc Parsed(string text, params (string Word, string Head, string Rel)[] arcs)
    {
        var doc = TestDocs.Make(text);
        int Find(string w)
        {
            for (var i = 0; i < doc.Count; i++)
            {
                if (doc[i].Text == w)
                {
                    return i;
                }
            }
            throw new InvalidOperationException(w);
        }
        for (var i = 0; i < doc.Count; i++)
        {
            doc.Tokens[i].Head = -1;
            doc.Tokens[i].DepRel = "root";
        }
        foreach (var (w, h, r) in arcs)
        {
            doc.Tokens[Find(w)].Head = Find(h);
            doc.Tokens[Find(w)].DepRel = r;
        }
        doc.IsParsed = true;
        return doc;
    }

    [Fact]
    public void DateAndPlaceFollowTheTree()
    {
        const string text = "On Monday in Kabul, the army said militants attacked the town in Kandahar on Sunday.";
        var doc = Parsed(text,
            ("Monday", "said", "obl"), ("Kabul", "said", "obl"), ("attacked", "said", "ccomp"),
            ("Sunday", "attacked", "obl"), ("Kandahar", "attacked", "obl"), ("town", "attacked", "obj"));
        var r = TestDocs.Annotator.Annotate(doc, [TestDocs.Event(doc, "said", "010"), TestDocs.Event(doc, "attacked", "190")]);
        var said = r.Events[0].Attributes;
        var attacked = r.Events[1].Attributes;
        Assert.Equal(("syntax", new DateOnly(2023, 3, 13)), (said.When!.AttachedBy, said.When.Start!.Value));
        Assert.Equal(("syntax", new DateOnly(2023, 3, 12)), (attacked.When!.AttachedBy, attacked.When.Start!.Value));
        Assert.Equal(("syntax", "Kabul"), (said.Where!.AttachedBy, said.Where.Name));
        // GeoNames spells it Kandahār; "Kandahar" is its ASCII alternate.
        Assert.Equal(("syntax", "Kandahār"), (attacked.Where!.AttachedBy, attacked.Where.Name));
    }

    [Fact]
    public void WithoutTheTreeTheNearestInTheSentenceIsUsed()
    {
        var doc = TestDocs.Make("On Monday in Kabul, the army said militants attacked the town in Kandahar on Sunday.");
        var r = TestDocs.Annotator.Annotate(doc, [TestDocs.Event(doc, "attacked", "190")]);
        Assert.Equal("sentence", r.Events[0].Attributes.When!.AttachedBy);
        Assert.Equal("Kandahār", r.Events[0].Attributes.Where!.Name);
    }
}
