namespace Sitrep.Ingest;

/// <summary>A plain-text file is one article; see <see cref="TitleMode"/> for how its title is found.</summary>
internal static class TextFormat
{
    public static void Read(string text, string input, ArticleBuilder builder, List<InputItem> items)
    {
        var s = Sitrep.Text.Article.Normalize(text).Trim();
        if (s.Length == 0)
        {
            items.Add(new InputError(input, 0, -1, Severity.Warning, "no text; no article"));
            return;
        }
        string? title = null;
        var body = s;
        var nl = s.IndexOf('\n');
        switch (builder.Options.Title)
        {
            case TitleMode.FirstLine when nl > 0:
                title = s[..nl];
                body = s[(nl + 1)..].TrimStart('\n');
                break;
            case TitleMode.FirstLine:
                title = s;
                body = "";
                break;
            case TitleMode.Auto when nl > 0 && nl + 1 < s.Length && s[nl + 1] == '\n' && nl <= 300:
                title = s[..nl];
                body = s[(nl + 2)..].TrimStart('\n');
                break;
        }
        items.Add(new ArticleItem(input, 0, builder.Build(null, title, body, null, null, null, input)));
    }
}
