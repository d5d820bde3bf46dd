using ScottPlot;
using SkiaSharp;

namespace VocabTrim.Reporting;

/// <summary>
/// Serves the plots' font from this assembly (a Latin subset of DejaVu Sans, see Fonts/README.md), so that plots
/// have their text on machines without fonts (containers, CI) and render the same everywhere.
/// </summary>
internal sealed class EmbeddedFont : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private static readonly Lazy<EmbeddedFont> Instance = new(() =>
    {
        var font = new EmbeddedFont(Load("DejaVuSans.ttf"), Load("DejaVuSans-Bold.ttf"));
        // First, so that an installed DejaVu Sans of another version does not change the pictures.
        Fonts.FontResolvers.Insert(0, font);
        return font;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly byte[] _regular;
    private readonly byte[] _bold;

    private EmbeddedFont(byte[] regular, byte[] bold)
    {
        _regular = regular;
        _bold = bold;
    }

    /// <summary>Registers the font with ScottPlot (once) and returns its family name.</summary>
    public static string Register()
    {
        _ = Instance.Value;
        return Family;
    }

    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
        CreateTypeface(fontName, weight >= FontWeight.SemiBold, slant != FontSlant.Upright);

    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
        fontName == Family ? SKTypeface.FromData(SKData.CreateCopy(bold ? _bold : _regular)) : null;

    private static byte[] Load(string file)
    {
        var name = $"VocabTrim.Reporting.Fonts.{file}";
        using var stream = typeof(EmbeddedFont).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException(
                $"{name} is not embedded in {typeof(EmbeddedFont).Assembly.GetName().Name}");

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
