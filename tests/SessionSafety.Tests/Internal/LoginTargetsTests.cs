using System.Collections.Immutable;
using SessionSafety.Analyzers.Internal;
using Xunit;

namespace SessionSafety.Tests.Internal;

public class LoginTargetsTests
{
    private static readonly LoginTargets Targets = LoginTargets.Create(ImmutableArray.Create("login", "account/sign-in", "/a/b/c/d/e/f/g/h/i/"));

    [Theory]
    [InlineData("/login")]
    [InlineData("LOGIN")]
    [InlineData("login.html")]
    [InlineData(" /login /")]
    [InlineData("https://example.test/Login?returnUrl=/orders")]
    [InlineData("/Account/Sign-In")]
    [InlineData("/x/account/sign-in/y")]
    [InlineData("a\\b\\login")]
    [InlineData("a/b/c/d/e/f/g/h/i")]
    [InlineData("z/a/b/c/d/e/f/g/h/i/z")]
    public void LoginTargets_Match(string text) => Assert.True(Targets.Matches(text, allowPageSuffix: false));

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("a/ ")]
    [InlineData(".login")]
    [InlineData("/loginhistory")]
    [InlineData("/orders?next=/login")]
    [InlineData("/orders#login")]
    [InlineData("https://login")]
    [InlineData("https://login.example.test/orders")]
    [InlineData("/account/x/sign-in")]
    [InlineData("/sign-in")]
    [InlineData("LoginPage")]
    [InlineData("a/b/c/d/e/f/g/h")]
    public void OtherTargets_DoNotMatch(string text) => Assert.False(Targets.Matches(text, allowPageSuffix: false));

    [Theory]
    [InlineData("LoginPage", true)]
    [InlineData("//LoginView", true)]
    [InlineData("account/Sign-InPage", true)]
    [InlineData("AccountPage/sign-in", false)]
    [InlineData("LoginPages", false)]
    [InlineData("LoginViewModel", false)]
    public void PageSuffix_CountsOnTheLastSegmentOnly(string text, bool expected) =>
        Assert.Equal(expected, Targets.Matches(text, allowPageSuffix: true));

    [Fact]
    public void SeparatorOnlyMarkers_MatchNothing() =>
        Assert.False(LoginTargets.Create(ImmutableArray.Create("/", "\\")).Matches("/login", allowPageSuffix: true));
}
