namespace Sitrep.Store.Export;

/// <summary>RFC 4180 CSV of <see cref="FlatColumns"/>: header row, comma-separated, quoted when needed, "\n" line ends.</summary>
public static class CsvExporter
{
    public static long Write(IEnumerable<StoredEvent> events, TextWriter output)
    {
        var columns = FlatColumns.All;
        output.Write(string.Join(",", columns.Select(c => c.Name)));
        output.Write('\n');
        long n = 0;
        foreach (var e in events)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                if (i > 0)
                {
                    output.Write(',');
                }
                WriteField(output, columns[i].Text(e));
            }
            output.Write('\n');
            n++;
        }
        return n;
    }

    public static void WriteField(TextWriter output, string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\n\r") < 0)
        {
            output.Write(value);
            return;
        }
        output.Write('"');
        output.Write(value.Replace("\"", "\"\""));
        output.Write('"');
    }
}
