namespace VocabTrim.Hub.Tests;

public sealed class HubOptionsTests
{
    private static HubOptions From(params (string Name, string Value)[] variables)
    {
        var environment = variables.ToDictionary(v => v.Name, v => v.Value);
        return HubOptions.FromEnvironment(name => environment.GetValueOrDefault(name), home: "/home/someone");
    }

    [Fact]
    public void Without_variables_it_is_the_public_hub_and_the_default_cache()
    {
        var options = From();

        options.Endpoint.Should().Be(new Uri("https://huggingface.co/"));
        options.Token.Should().BeNull();
        options.CacheDirectory.Should().Be("/home/someone/.cache/huggingface/hub");
        options.Offline.Should().BeFalse();
    }

    [Fact]
    public void HF_HUB_CACHE_wins_over_HF_HOME_which_wins_over_the_home_folder()
    {
        From(("HF_HOME", "/data/hf")).CacheDirectory.Should().Be("/data/hf/hub");
        From(("HF_HOME", "/data/hf"), ("HF_HUB_CACHE", "/fast/cache")).CacheDirectory.Should().Be("/fast/cache");
        From(("HF_HUB_CACHE", "~/hubcache")).CacheDirectory.Should().Be("/home/someone/hubcache");
        From(("HF_HOME", "~/hf")).CacheDirectory.Should().Be("/home/someone/hf/hub");
        From(("XDG_CACHE_HOME", "/xdg")).CacheDirectory.Should().Be("/xdg/huggingface/hub");
        From(("XDG_CACHE_HOME", "/xdg"), ("HF_HOME", "/data/hf")).CacheDirectory.Should().Be("/data/hf/hub");
    }

    [Fact]
    public void The_older_variable_names_count_when_the_new_ones_are_unset()
    {
        From(("HUGGINGFACE_HUB_CACHE", "/old/cache"), ("HUGGING_FACE_HUB_TOKEN", "hf_old")).Should()
            .Be(new HubOptions(HubOptions.DefaultEndpoint, "hf_old", "/old/cache", false));
        From(
            ("HUGGINGFACE_HUB_CACHE", "/old/cache"), ("HF_HUB_CACHE", "/new/cache"),
            ("HUGGING_FACE_HUB_TOKEN", "hf_old"), ("HF_TOKEN", "hf_new")).Should()
            .Be(new HubOptions(HubOptions.DefaultEndpoint, "hf_new", "/new/cache", false));
    }

    [Fact]
    public void Endpoint_token_and_offline_come_from_their_variables()
    {
        var options = From(
            ("HF_ENDPOINT", "http://mirror.example:8080/hf"), ("HF_TOKEN", "hf_abc"), ("HF_HUB_OFFLINE", "1"));

        options.Endpoint.Should().Be(
            new Uri("http://mirror.example:8080/hf/"),
            "a path prefix keeps working because the endpoint ends with a slash");
        options.Token.Should().Be("hf_abc");
        options.Offline.Should().BeTrue();
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("true", true)]
    [InlineData("YES", true)]
    [InlineData("on", true)]
    [InlineData("0", false)]
    [InlineData("false", false)]
    [InlineData("", false)]
    public void Offline_accepts_the_spellings_huggingface_hub_accepts(string value, bool offline) =>
        From(("HF_HUB_OFFLINE", value)).Offline.Should().Be(offline);

    [Fact]
    public void Without_HF_TOKEN_the_token_file_of_huggingface_cli_login_is_used()
    {
        using var home = new VocabTrim.TestSupport.TempDir();
        Directory.CreateDirectory(home.File("hf"));
        File.WriteAllText(home.File("hf/token"), "hf_from_login\n");
        File.WriteAllText(home.File("elsewhere"), "hf_from_path");

        From(("HF_HOME", home.File("hf"))).Token.Should().Be("hf_from_login", "the file is read and trimmed");
        From(("HF_HOME", home.File("hf")), ("HF_TOKEN_PATH", home.File("elsewhere"))).Token.Should().Be("hf_from_path");
        From(("HF_HOME", home.File("hf")), ("HF_TOKEN", "hf_variable")).Token.Should().Be(
            "hf_variable", "the variable wins over the file");
        From(("HF_HOME", home.File("none"))).Token.Should().BeNull("no file, no token");
    }

    [Fact]
    public void An_endpoint_that_is_not_http_is_refused_in_one_line() =>
        FluentActions.Invoking(() => From(("HF_ENDPOINT", "ftp://example.org")))
            .Should().Throw<HubException>().WithMessage("HF_ENDPOINT=ftp://example.org: not an http(s) address");
}
