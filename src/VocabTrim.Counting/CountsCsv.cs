using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;
using VocabTrim.Common;

namespace VocabTrim.Counting;

/// <summary>
/// One language's <c>&lt;lang&gt;.counts.csv</c>: header <c>id,piece,count</c>, then every piece of the
/// tokenizer in id order, zeros included, so the file can be read (and diffed) without the tokenizer.
/// </summary>
internal static partial class CountsCsv
{
    private static readonly string[] Header = ["id", "piece", "count"];

    private static readonly CsvWriterOptions WriterOptions = new()
    {
        NewLine = "\n",
        Separator = ',',
        Injection = CsvInjection.None,
        ValidateFieldCount = true,
    };

    private static readonly CsvReaderOptions ReaderOptions = new()
    {
        // Not detected: a file of pieces like ";" or "|" could fool the detection.
        Separator = ',',
        HasHeader = false,
        // Pieces are data: " x" must come back with its space.
        TrimWhitespace = false,
        AllowLineBreaksInQuotes = true,
        SkipEmptyLines = false,
        MalformedData = CsvMalformedDataHandling.Throw,
        TrackLineNumbers = true,
    };

    public static void Write(string path, TokenizerVocabulary vocabulary, long[] counts)
    {
        using var stream = File.Create(path);
        using var csv = CsvWriter.Create(stream, WriterOptions);
        foreach (var h in Header) csv.WriteField(h);
        csv.EndRecord();
        for (var id = 0; id < counts.Length; id++)
        {
            csv.WriteField(id.ToString(CultureInfo.InvariantCulture));
            // Pieces with surrounding spaces are quoted too, so that no reader trims them.
            csv.WriteField(vocabulary.PieceAt(id), CsvQuoting.WhenNeededOrWhitespace);
            csv.WriteField(counts[id].ToString(CultureInfo.InvariantCulture));
            csv.EndRecord();
        }
    }

    public static long[] Read(string path, TokenizerVocabulary vocabulary)
    {
        try
        {
            using var csv = CsvReader.FromFile(path, ReaderOptions);
            return Read(path, csv, vocabulary);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        { throw new DataFileException(path, $"cannot read the file: {e.Message}"); }
        catch (CsvFormatException e)
        {
            var where = e.LineNumber > 0 ? $"line {e.LineNumber}: " : "";
            var reason = MalformedPrefix().Replace(FirstLine(e.Message), "");
            throw new DataFileException(path, $"{where}not valid CSV: {reason}");
        }
    }

    private static long[] Read(string path, CsvReader csv, TokenizerVocabulary vocabulary)
    {
        if (!csv.Read()) throw new DataFileException(path, "the file is empty; expected the header id,piece,count");
        var header = Fields(csv);
        if (!header.SequenceEqual(Header))
            throw new DataFileException(path,
                $"line 1: the header is '{string.Join(",", header)}', expected 'id,piece,count'");

        var counts = new long[vocabulary.Count];
        var expectedId = 0;
        while (csv.Read())
        {
            var line = csv.LineNumber;
            string At(string message) => $"line {line}: {message}";
            if (csv.FieldCount != 3)
                throw new DataFileException(path, At($"expected 3 fields (id,piece,count), found {csv.FieldCount}"));
            var idText = csv.GetString(0);
            if (!int.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                throw new DataFileException(path, At($"the id '{idText}' is not a whole number"));
            if (id != expectedId)
                throw new DataFileException(path,
                    At($"id {id} where id {expectedId} was expected (every piece is listed, in id order)"));
            if (id >= vocabulary.Count)
                throw new DataFileException(path, At($"id {id} is beyond the tokenizer's {vocabulary.Count} pieces"));
            var piece = csv.GetString(1);
            if (piece != vocabulary.PieceAt(id))
                throw new DataFileException(path,
                    At($"the piece for id {id} is \"{piece}\" but the tokenizer has \"{vocabulary.PieceAt(id)}\""));
            var countText = csv.GetString(2);
            if (!long.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
                throw new DataFileException(path, At($"the count '{countText}' of id {id} is not a whole number ≥ 0"));
            counts[id] = count;
            expectedId++;
        }
        if (expectedId != vocabulary.Count)
            throw new DataFileException(path, $"lists {expectedId} pieces, the tokenizer has {vocabulary.Count}");
        return counts;
    }

    private static string[] Fields(CsvReader csv)
    {
        var fields = new string[csv.FieldCount];
        for (var i = 0; i < fields.Length; i++) fields[i] = csv.GetString(i);
        return fields;
    }

    // CsvHelper starts with the record and line, which the message already gives.
    [GeneratedRegex(@"^Malformed CSV in record \d+ \(line \d+\): ")]
    private static partial Regex MalformedPrefix();

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
