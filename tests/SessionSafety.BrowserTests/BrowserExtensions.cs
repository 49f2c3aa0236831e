using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using OpenQA.Selenium;

namespace SessionSafety.BrowserTests;

/// <summary>What the tests do with a page: wait for it, read it, type into it, and keep a picture of it.</summary>
public static class BrowserExtensions
{
    /// <summary>Where the screenshots of a run go: TestResults/screenshots under the test output folder.</summary>
    public static readonly string ScreenshotFolder = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public static T WaitUntil<T>(this IWebDriver driver, Func<T> probe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        T last;
        do
        {
            try
            {
                last = probe();
            }
            catch (StaleElementReferenceException)
            {
                // The page re-rendered between finding the element and reading it: look again.
                last = default!;
            }

            if (last is not null && done(last))
            {
                return last;
            }

            Thread.Sleep(100);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"Timed out waiting for {what}; last seen: {JsonSerializer.Serialize(last)}; page: {driver.Url}");
    }

    public static IWebElement WaitFor(this IWebDriver driver, string css, TimeSpan? timeout = null) =>
        driver.WaitUntil(() => driver.FindElements(By.CssSelector(css)).FirstOrDefault(), e => e is not null, "element " + css, timeout)!;

    public static bool Has(this IWebDriver driver, string css) => driver.FindElements(By.CssSelector(css)).Count > 0;

    public static string? ValueOf(this IWebDriver driver, string css) =>
        driver.FindElements(By.CssSelector(css)).FirstOrDefault()?.GetDomProperty("value");

    public static string TextOf(this IWebDriver driver, string css) => driver.WaitFor(css).Text;

    public static void Type(this IWebDriver driver, string css, string text)
    {
        var element = driver.WaitFor(css);
        element.Clear();
        element.SendKeys(text);
    }

    public static void Click(this IWebDriver driver, string css) => driver.WaitFor(css).Click();

    public static string? LocalStorage(this IWebDriver driver, string key) =>
        (string?)((IJavaScriptExecutor)driver).ExecuteScript("return window.localStorage.getItem(arguments[0]);", key);

    /// <summary>Every localStorage key of the page's origin.</summary>
    public static string[] LocalStorageKeys(this IWebDriver driver) =>
        ((System.Collections.IEnumerable)((IJavaScriptExecutor)driver).ExecuteScript("return Object.keys(window.localStorage);")!)
            .Cast<string>()
            .OrderBy(k => k, StringComparer.Ordinal)
            .ToArray();

    /// <summary>
    /// Draws what the page's localStorage holds (each key and the start of its value) in a panel at the
    /// bottom of the page, outside the app's markup, so that a screenshot shows the storage beside the page.
    /// </summary>
    public static void ShowLocalStorage(this IWebDriver driver) =>
        ((IJavaScriptExecutor)driver).ExecuteScript(
            """
            let panel = document.getElementById('test-local-storage');
            if (!panel) {
                panel = document.createElement('pre');
                panel.id = 'test-local-storage';
                panel.style.cssText = 'position:fixed;left:0;right:0;bottom:0;margin:0;padding:8px;max-height:60%;overflow:hidden;white-space:pre-wrap;word-break:break-all;font-size:11px;background:#f4f4f4;border-top:2px solid #888';
                document.body.appendChild(panel);
            }
            const lines = Object.keys(localStorage).sort().map(k => k + '\n    = ' + localStorage.getItem(k).slice(0, 400));
            panel.textContent = 'localStorage (' + lines.length + ' items)\n' + lines.join('\n');
            """);

    public static string Screenshot(this IWebDriver driver, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var path = Path.Combine(ScreenshotFolder, name + ".png");
        ((ITakesScreenshot)driver).GetScreenshot().SaveAsFile(path);
        return path;
    }
}
