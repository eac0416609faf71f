using Sitrep.Text;

namespace Sitrep.Ingest.Tests;

internal static class Fixture
{
    public static string Dir => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string Path_(string name) => Path.Combine(Dir, name);

    public static List<InputItem> Read(string name, IngestOptions? options = null) =>
        InputReader.Read([Path_(name)], options).ToList();

    public static List<Article> Articles(this IEnumerable<InputItem> items) =>
        items.OfType<ArticleItem>().Select(i => i.Article).ToList();

    public static List<InputError> Errors(this IEnumerable<InputItem> items) =>
        items.OfType<InputError>().ToList();
}
