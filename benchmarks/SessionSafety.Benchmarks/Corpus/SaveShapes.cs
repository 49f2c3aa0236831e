using System;
using System.Collections.Generic;

namespace SessionSafety.Benchmarks.Corpus;

/// <summary>
/// The ways real code sends user input with <c>HttpClient</c>: handled (status tests, filtered
/// catches, escaping responses, the runtime guard) and unhandled (what SESS001 is for), plus the
/// login redirects SESS002 is about. Each shape is the body of one method.
/// </summary>
public enum SaveShape
{
    // Handled: SESS001 is silent.
    StatusEquals,
    StatusSwitchStatement,
    StatusSwitchExpression,
    StatusIntCast,
    StatusIsPattern,
    CatchStatusFilter,
    CatchStatusFilterEquals,
    CatchTokenExceptionWithDraft,
    ResponsePassedOn,
    SendAsyncWithStatusCheck,
    GuardedByRuntime,

    // Unhandled: SESS001.
    EnsureSuccess,
    IsSuccessOnly,
    Discarded,
    SendAsyncPost,
    PatchStringContent,
    CatchHttpRequestException,

    // Login redirects on the failure path of a save: SESS002 (the last one SESS001 as well).
    CatchTokenExceptionRedirect,
    StatusThenNavigateToLogin,
    StatusThenNavigateToLoginExtension,
    CatchThenNavigateToLogin,
}

/// <summary>Where a save shape is written: a component (fields, no token) or a service method.</summary>
public sealed record SaveSite(string Http, string Payload, string PostUrl, string ItemUrl, string DraftKey, bool InComponent)
{
    public string Ct => InComponent ? string.Empty : ", cancellationToken";

    public string Return => InComponent ? "return;" : "return result;";
}

public static class SaveShapes
{
    public static ShapeCycle<SaveShape> ComponentCycle(Random random) => new(
        random,
        (SaveShape.StatusEquals, 3),
        (SaveShape.StatusSwitchStatement, 2),
        (SaveShape.StatusSwitchExpression, 2),
        (SaveShape.StatusIntCast, 1),
        (SaveShape.StatusIsPattern, 2),
        (SaveShape.CatchStatusFilter, 1),
        (SaveShape.CatchStatusFilterEquals, 1),
        (SaveShape.CatchTokenExceptionWithDraft, 1),
        (SaveShape.ResponsePassedOn, 1),
        (SaveShape.SendAsyncWithStatusCheck, 1),
        (SaveShape.GuardedByRuntime, 1),
        (SaveShape.EnsureSuccess, 4),
        (SaveShape.IsSuccessOnly, 3),
        (SaveShape.Discarded, 1),
        (SaveShape.SendAsyncPost, 1),
        (SaveShape.PatchStringContent, 1),
        (SaveShape.CatchHttpRequestException, 1),
        (SaveShape.CatchTokenExceptionRedirect, 1),
        (SaveShape.StatusThenNavigateToLogin, 1),
        (SaveShape.StatusThenNavigateToLoginExtension, 1),
        (SaveShape.CatchThenNavigateToLogin, 1));

    public static ShapeCycle<SaveShape> ServiceCycle(Random random) => new(
        random,
        (SaveShape.StatusEquals, 2),
        (SaveShape.StatusSwitchStatement, 2),
        (SaveShape.StatusSwitchExpression, 1),
        (SaveShape.StatusIsPattern, 1),
        (SaveShape.CatchStatusFilter, 1),
        (SaveShape.ResponsePassedOn, 1),
        (SaveShape.SendAsyncWithStatusCheck, 1),
        (SaveShape.EnsureSuccess, 2),
        (SaveShape.IsSuccessOnly, 2),
        (SaveShape.SendAsyncPost, 1),
        (SaveShape.PatchStringContent, 1),
        (SaveShape.CatchHttpRequestException, 1));

    /// <summary>The rules a shape is expected to trigger (for the planted-vs-found table).</summary>
    public static IEnumerable<string> ExpectedRules(SaveShape shape)
    {
        switch (shape)
        {
            case SaveShape.EnsureSuccess:
            case SaveShape.IsSuccessOnly:
            case SaveShape.Discarded:
            case SaveShape.SendAsyncPost:
            case SaveShape.PatchStringContent:
            case SaveShape.CatchHttpRequestException:
                yield return "SESS001";
                break;
            case SaveShape.CatchTokenExceptionRedirect:
            case SaveShape.StatusThenNavigateToLogin:
            case SaveShape.StatusThenNavigateToLoginExtension:
                yield return "SESS002";
                break;
            case SaveShape.CatchThenNavigateToLogin:
                yield return "SESS001";
                yield return "SESS002";
                break;
        }
    }

    /// <summary>The statements of the method body, at zero indentation.</summary>
    public static string Body(SaveShape shape, SaveSite s) => shape switch
    {
        SaveShape.StatusEquals => $$"""
            var response = await {{s.Http}}.PostAsJsonAsync({{s.PostUrl}}, {{s.Payload}}{{s.Ct}});
            if (response.StatusCode == HttpStatusCode.Unauthorized || response.StatusCode == HttpStatusCode.Forbidden)
            {
                result = SaveResult.SessionExpired;
                {{s.Return}}
            }

            result = response.IsSuccessStatusCode ? SaveResult.Saved : SaveResult.Failed;
            """,
        SaveShape.StatusSwitchStatement => $$"""
            using var response = await {{s.Http}}.PutAsJsonAsync({{s.ItemUrl}}, {{s.Payload}}{{s.Ct}});
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK:
                case HttpStatusCode.NoContent:
                    result = SaveResult.Saved;
                    break;
                case HttpStatusCode.Unauthorized:
                case HttpStatusCode.Forbidden:
                    result = SaveResult.SessionExpired;
                    break;
                default:
                    result = SaveResult.Failed;
                    break;
            }
            """,
        SaveShape.StatusSwitchExpression => $$"""
            var response = await {{s.Http}}.PatchAsJsonAsync({{s.ItemUrl}}, {{s.Payload}}{{s.Ct}});
            result = response.StatusCode switch
            {
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => SaveResult.SessionExpired,
                HttpStatusCode.OK or HttpStatusCode.NoContent => SaveResult.Saved,
                _ => SaveResult.Failed,
            };
            """,
        SaveShape.StatusIntCast => $$"""
            using var content = JsonContent.Create({{s.Payload}});
            var response = await {{s.Http}}.PostAsync({{s.PostUrl}}, content{{s.Ct}});
            if ((int)response.StatusCode == 401)
            {
                result = SaveResult.SessionExpired;
                {{s.Return}}
            }

            response.EnsureSuccessStatusCode();
            result = SaveResult.Saved;
            """,
        SaveShape.StatusIsPattern => $$"""
            var response = await {{s.Http}}.PutAsJsonAsync({{s.ItemUrl}}, {{s.Payload}}{{s.Ct}});
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                result = SaveResult.SessionExpired;
            }
            else if (response.IsSuccessStatusCode)
            {
                result = SaveResult.Saved;
            }
            else
            {
                result = SaveResult.Failed;
            }
            """,
        SaveShape.CatchStatusFilter => $$"""
            try
            {
                var response = await {{s.Http}}.PostAsJsonAsync({{s.PostUrl}}, {{s.Payload}}{{s.Ct}});
                response.EnsureSuccessStatusCode();
                result = SaveResult.Saved;
            }
            catch (HttpRequestException ex) when (ex.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                result = SaveResult.SessionExpired;
            }
            """,
        SaveShape.CatchStatusFilterEquals => $$"""
            try
            {
                using var response = await {{s.Http}}.PutAsJsonAsync({{s.ItemUrl}}, {{s.Payload}}{{s.Ct}});
                response.EnsureSuccessStatusCode();
                result = SaveResult.Saved;
            }
            catch (HttpRequestException ex) when (ex.StatusCode == HttpStatusCode.Unauthorized)
            {
                result = SaveResult.SessionExpired;
            }
            catch (HttpRequestException)
            {
                result = SaveResult.Failed;
            }
            """,
        SaveShape.CatchTokenExceptionWithDraft => $$"""
            try
            {
                var response = await {{s.Http}}.PostAsJsonAsync({{s.PostUrl}}, {{s.Payload}});
                response.EnsureSuccessStatusCode();
                result = SaveResult.Saved;
            }
            catch (AccessTokenNotAvailableException ex)
            {
                await JS.InvokeVoidAsync("localStorage.setItem", {{s.DraftKey}}, JsonSerializer.Serialize({{s.Payload}}));
                ex.Redirect();
            }
            """,
        SaveShape.ResponsePassedOn => $$"""
            var response = await {{s.Http}}.PostAsJsonAsync({{s.PostUrl}}, {{s.Payload}}{{s.Ct}});
            result = await ResponseHandling.ToSaveResultAsync(response);
            """,
        SaveShape.SendAsyncWithStatusCheck => $$"""
            using var request = new HttpRequestMessage(HttpMethod.Put, {{s.ItemUrl}})
            {
                Content = JsonContent.Create({{s.Payload}}),
            };
            using var response = await {{s.Http}}.SendAsync(request{{s.Ct}});
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                result = SaveResult.SessionExpired;
                {{s.Return}}
            }

            result = response.IsSuccessStatusCode ? SaveResult.Saved : SaveResult.Failed;
            """,
        SaveShape.GuardedByRuntime => $$"""
            var response = await DraftGuard.Default.SendAsync({{s.DraftKey}}, {{s.Payload}}, payload => {{s.Http}}.PostAsJsonAsync({{s.PostUrl}}, payload{{s.Ct}}));
            result = response.IsSuccessStatusCode ? SaveResult.Saved : SaveResult.SessionExpired;
            """,
        SaveShape.EnsureSuccess => $$"""
            var response = await {{s.Http}}.PostAsJsonAsync({{s.PostUrl}}, {{s.Payload}}{{s.Ct}});
            response.EnsureSuccessStatusCode();
            result = SaveResult.Saved;
            """,
        SaveShape.IsSuccessOnly => $$"""
            var response = await {{s.Http}}.PutAsJsonAsync({{s.ItemUrl}}, {{s.Payload}}{{s.Ct}});
            if (!response.IsSuccessStatusCode)
            {
                result = SaveResult.Failed;
                {{s.Return}}
            }

            result = SaveResult.Saved;
            """,
        SaveShape.Discarded => $$"""
            await {{s.Http}}.PostAsJsonAsync({{s.PostUrl}}, {{s.Payload}}{{s.Ct}});
            result = SaveResult.Saved;
            """,
        SaveShape.SendAsyncPost => $$"""
            using var request = new HttpRequestMessage(HttpMethod.Post, {{s.PostUrl}}) { Content = JsonContent.Create({{s.Payload}}) };
            using var response = await {{s.Http}}.SendAsync(request{{s.Ct}});
            response.EnsureSuccessStatusCode();
            result = SaveResult.Saved;
            """,
        SaveShape.PatchStringContent => $$"""
            var json = JsonSerializer.Serialize({{s.Payload}});
            using var content = new StringContent(json, Encoding.UTF8, "application/json");
            var response = await {{s.Http}}.PatchAsync({{s.ItemUrl}}, content{{s.Ct}});
            result = response.IsSuccessStatusCode ? SaveResult.Saved : SaveResult.Failed;
            """,
        SaveShape.CatchHttpRequestException => $$"""
            try
            {
                var response = await {{s.Http}}.PostAsJsonAsync({{s.PostUrl}}, {{s.Payload}}{{s.Ct}});
                response.EnsureSuccessStatusCode();
                result = SaveResult.Saved;
            }
            catch (HttpRequestException)
            {
                result = SaveResult.Failed;
            }
            """,
        SaveShape.CatchTokenExceptionRedirect => $$"""
            try
            {
                var response = await {{s.Http}}.PostAsJsonAsync({{s.PostUrl}}, {{s.Payload}});
                response.EnsureSuccessStatusCode();
                result = SaveResult.Saved;
            }
            catch (AccessTokenNotAvailableException exception)
            {
                exception.Redirect();
            }
            """,
        SaveShape.StatusThenNavigateToLogin => $$"""
            var response = await {{s.Http}}.PutAsJsonAsync({{s.ItemUrl}}, {{s.Payload}});
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                Navigation.NavigateTo("authentication/login");
                return;
            }

            result = response.IsSuccessStatusCode ? SaveResult.Saved : SaveResult.Failed;
            """,
        SaveShape.StatusThenNavigateToLoginExtension => $$"""
            var response = await {{s.Http}}.PostAsJsonAsync({{s.PostUrl}}, {{s.Payload}});
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                Navigation.NavigateToLogin("authentication/login");
                return;
            }

            result = response.IsSuccessStatusCode ? SaveResult.Saved : SaveResult.Failed;
            """,
        SaveShape.CatchThenNavigateToLogin => $$"""
            try
            {
                var response = await {{s.Http}}.PostAsJsonAsync({{s.PostUrl}}, {{s.Payload}});
                response.EnsureSuccessStatusCode();
                result = SaveResult.Saved;
            }
            catch (HttpRequestException)
            {
                Navigation.NavigateTo($"account/login?returnUrl={Uri.EscapeDataString(Navigation.Uri)}");
            }
            """,
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, null),
    };
}
