using System;
using System.IO;

namespace SessionSafety.BrowserTests;

/// <summary>A folder of browser profiles (each browser gets a new, empty one), deleted at the end.</summary>
public sealed class BrowserProfiles : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "sessionsafety-browser-" + Guid.NewGuid().ToString("N"));

    public string Next()
    {
        var profile = Path.Combine(root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        return profile;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
