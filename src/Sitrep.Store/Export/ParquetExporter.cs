using Parquet;
using Parquet.Schema;

namespace Sitrep.Store.Export;

/// <summary>
/// Parquet of <see cref="FlatColumns"/> with native column types: strings as UTF-8, quad_class and
/// sentence INT32, geonames_id INT64, goldstein/latitude/longitude DOUBLE, negated BOOLEAN,
/// dates as DATE and published as a UTC TIMESTAMP (milliseconds). All columns are nullable
/// except where noted in docs/store.md. Rows go out in row groups of <see cref="RowGroupSize"/>.
/// </summary>
public static class ParquetExporter
{
    public const int RowGroupSize = 50_000;

    public static ParquetSchema Schema { get; } = new(FlatColumns.All.Select(Field).ToArray());

    private static DataField Field(FlatColumn c) => c.Type switch
    {
        FlatType.String => new DataField<string>(c.Name, nullable: true),
        FlatType.Int => new DataField<int?>(c.Name),
        FlatType.Long => new DataField<long?>(c.Name),
        FlatType.Double => new DataField<double?>(c.Name),
        FlatType.Bool => new DataField<bool?>(c.Name),
        FlatType.Date => new DataField<DateOnly?>(c.Name),
        FlatType.Timestamp => new DateTimeDataField(c.Name, DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Millis, isNullable: true),
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    public static ParquetOptions Options => new() { UseDateOnlyTypeForDates = true };

    public static async Task<long> WriteAsync(IEnumerable<StoredEvent> events, Stream output, CancellationToken cancel = default)
    {
        long n = 0;
        await using var writer = await ParquetWriter.CreateAsync(Schema, output, Options, cancellationToken: cancel);
        var rows = new List<StoredEvent>(RowGroupSize);
        foreach (var e in events)
        {
            rows.Add(e);
            if (rows.Count == RowGroupSize)
            {
                await WriteGroup(writer, rows, cancel);
                n += rows.Count;
                rows.Clear();
            }
        }
        if (rows.Count > 0 || n == 0)
        {
            await WriteGroup(writer, rows, cancel);
            n += rows.Count;
        }
        return n;
    }

    private static async Task WriteGroup(ParquetWriter writer, List<StoredEvent> rows, CancellationToken cancel)
    {
        using var group = writer.CreateRowGroup();
        var fields = Schema.GetDataFields();
        var columns = FlatColumns.All;
        for (var c = 0; c < columns.Count; c++)
        {
            var column = columns[c];
            var field = fields[c];
            switch (column.Type)
            {
                case FlatType.String:
                    await group.WriteAsync(field, rows.Select(r => (string?)column.Get(r)).ToArray()!);
                    break;
                case FlatType.Int:
                    await group.WriteAsync<int>(field, Values<int>(rows, column), cancellationToken: cancel);
                    break;
                case FlatType.Long:
                    await group.WriteAsync<long>(field, Values<long>(rows, column), cancellationToken: cancel);
                    break;
                case FlatType.Double:
                    await group.WriteAsync<double>(field, Values<double>(rows, column), cancellationToken: cancel);
                    break;
                case FlatType.Bool:
                    await group.WriteAsync<bool>(field, Values<bool>(rows, column), cancellationToken: cancel);
                    break;
                case FlatType.Date:
                    await group.WriteAsync<DateOnly>(field, Values<DateOnly>(rows, column), cancellationToken: cancel);
                    break;
                case FlatType.Timestamp:
                    await group.WriteAsync<DateTime>(field,
                        rows.Select(r => column.Get(r) is DateTimeOffset t ? t.UtcDateTime : (DateTime?)null).ToArray(), cancellationToken: cancel);
                    break;
            }
        }
    }

    private static ReadOnlyMemory<T?> Values<T>(List<StoredEvent> rows, FlatColumn column) where T : struct
    {
        var values = new T?[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            values[i] = column.Get(rows[i]) is T v ? v : null;
        }
        return values;
    }
}
