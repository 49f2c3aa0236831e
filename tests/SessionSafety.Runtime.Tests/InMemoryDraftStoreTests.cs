using System;
using System.Linq;
using System.Threading.Tasks;
using SessionSafety.Runtime.Tests.Infrastructure;

namespace SessionSafety.Runtime.Tests;

public sealed class InMemoryDraftStoreTests
{
    private readonly FakeTimeProvider time = new();

    [Fact]
    public async Task SaveLoadListRemove_Work()
    {
        var store = new InMemoryDraftStore(timeProvider: time);

        await store.SaveAsync("b", "2");
        await store.SaveAsync("a", "1");

        Assert.Equal("1", (await store.TryLoadAsync("a"))!.Content);
        Assert.Equal(new[] { "a", "b" }, (await store.ListAsync()).Select(d => d.Key));
        Assert.True(await store.RemoveAsync("a"));
        Assert.False(await store.RemoveAsync("a"));
        Assert.Null(await store.TryLoadAsync("a"));
    }

    [Fact]
    public async Task IdenticalContent_KeepsTheFirstSaveTime()
    {
        var store = new InMemoryDraftStore(timeProvider: time);
        await store.SaveAsync("k", "same");
        var first = time.GetUtcNow();
        time.Advance(TimeSpan.FromHours(1));

        await store.SaveAsync("k", "same");
        Assert.Equal(first, (await store.TryLoadAsync("k"))!.SavedAt);

        await store.SaveAsync("k", "different");
        Assert.Equal(time.GetUtcNow(), (await store.TryLoadAsync("k"))!.SavedAt);
    }

    [Fact]
    public async Task Drafts_ExpireAfter24HoursByDefault()
    {
        var store = new InMemoryDraftStore(timeProvider: time);
        await store.SaveAsync("k", "v");

        time.Advance(TimeSpan.FromHours(24) - TimeSpan.FromTicks(1));
        Assert.NotNull(await store.TryLoadAsync("k"));
        Assert.Single(await store.ListAsync());

        time.Advance(TimeSpan.FromTicks(1));
        Assert.Null(await store.TryLoadAsync("k"));
        Assert.Empty(await store.ListAsync());
        Assert.Equal(TimeSpan.FromHours(24), store.TimeToLive);
    }

    [Fact]
    public async Task ConfiguredTimeToLive_IsHonoured()
    {
        var store = new InMemoryDraftStore(TimeSpan.FromMinutes(5), time);
        await store.SaveAsync("k", "v");
        time.Advance(TimeSpan.FromMinutes(5));

        Assert.Null(await store.TryLoadAsync("k"));
    }

    [Fact]
    public void NonPositiveTimeToLive_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new InMemoryDraftStore(TimeSpan.Zero));
    }

    [Fact]
    public async Task TypedSaveAndLoad_UseWebJson()
    {
        var store = new InMemoryDraftStore(timeProvider: time);

        await store.SaveAsync("Order", new Order("Widget", 3));

        Assert.Equal("{\"name\":\"Widget\",\"quantity\":3}", (await store.TryLoadAsync("Order"))!.Content);
        Assert.Equal(new Order("Widget", 3), await store.LoadAsync<Order>("Order"));
        Assert.Null(await store.LoadAsync<Order>("missing"));
    }

    public sealed record Order(string Name, int Quantity);
}
