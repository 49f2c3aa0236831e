using System.Security.Cryptography;
using System.Text;

namespace SessionSafety.Wasm.Host.Auth;

/// <summary>The sample's two users (alice and bob, whose password is their name followed by "-password").</summary>
public sealed class SampleUsers
{
    private static readonly string[] Names = ["alice", "bob"];

    public bool Verify(string? userName, string? password) =>
        userName is not null && password is not null && Array.IndexOf(Names, userName) >= 0
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(password), Encoding.UTF8.GetBytes(userName + "-password"));
}
