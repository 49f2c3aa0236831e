namespace SessionSafety.Benchmarks.Corpus;

/// <summary>One generated source file. Razor output carries the path the Razor generator would give it.</summary>
public sealed record CorpusFile(string Path, string Text, bool IsRazorGenerated)
{
    public int LineCount { get; } = CountLines(Text);

    private static int CountLines(string text)
    {
        var lines = 1;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                lines++;
            }
        }

        return text.EndsWith('\n') ? lines - 1 : lines;
    }
}
