using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using SessionSafety;

namespace SessionSafety.Docs.Maui;

public static class MauiSetup
{
    // <maui>
    // MauiProgram.CreateMauiApp():
    //   var key = await MauiSetup.LoadOrCreateKeyAsync(SecureStorage.GetAsync, SecureStorage.SetAsync);
    //   MauiSetup.AddServices(builder.Services, FileSystem.AppDataDirectory, key);
    //   var app = builder.Build();
    //   app.Services.UseSessionSafetyDefaults();
    public static void AddServices(IServiceCollection services, string appDataDirectory, byte[] draftKey)
    {
        // Files in the app's private folder, sealed with a key that lives in the Keychain / Keystore.
        services.AddSessionSafety(options => options.UseFileStore(
            Path.Combine(appDataDirectory, "drafts"),
            DraftEncryptionKey.FromBytes(draftKey)));
    }

    public static async Task<byte[]> LoadOrCreateKeyAsync(
        Func<string, Task<string?>> secureGet, Func<string, string, Task> secureSet)
    {
        const string name = "sessionsafety.draft-key";
        if (await secureGet(name) is { } stored)
        {
            return Convert.FromBase64String(stored);
        }

        var key = DraftEncryptionKey.GenerateKeyBytes();
        await secureSet(name, Convert.ToBase64String(key));
        return key;
    }
    // </maui>
}
