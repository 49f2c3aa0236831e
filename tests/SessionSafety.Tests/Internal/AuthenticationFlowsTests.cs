using SessionSafety.Analyzers.Internal;
using Xunit;

namespace SessionSafety.Tests.Internal;

public class AuthenticationFlowsTests
{
    [Theory]
    [InlineData("LoginAsync")]
    [InlineData("LogInAsync")]
    [InlineData("OnLogIn")]
    [InlineData("SIGNIN")]
    [InlineData("HandleSignUp")]
    [InlineData("sign_in")]
    [InlineData("__Sign__In__")]
    [InlineData("sign-out")]
    [InlineData("ChangePasswordAsync")]
    [InlineData("Setup_2fa")]
    [InlineData("TwoFactorSetup")]
    [InlineData("RegisterUserAsync")]
    [InlineData("LOGOFF")]
    public void FlowNames_AreFound(string name) => Assert.True(AuthenticationFlows.NameHasFlowWord(name));

    [Theory]
    [InlineData("")]
    [InlineData("_")]
    [InlineData("CatalogInfo")]
    [InlineData("SaveSignatureAsync")]
    [InlineData("PasswordlessCheckoutAsync")]
    [InlineData("Registered")]
    [InlineData("LogsIn")]
    [InlineData("SignOnly")]
    [InlineData("InLog")]
    [InlineData("BlogInsert")]
    [InlineData("Enable2fa")]
    public void OtherNames_AreNot(string name) => Assert.False(AuthenticationFlows.NameHasFlowWord(name));
}
