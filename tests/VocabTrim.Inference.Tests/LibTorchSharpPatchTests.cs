using System.Runtime.InteropServices;
using TorchSharp;
using VocabTrim.Build;
using VocabTrim.TestSupport;

namespace VocabTrim.Inference.Tests;

/// <summary>
/// The build's managed patch of TorchSharp's native library (build/WeakGlibcxxVersion.cs): what it changes, and
/// that the result loads where libstdc++ lacks GLIBCXX_3.4.32 while the package's own copy does not.
/// </summary>
public class LibTorchSharpPatchTests
{
    private const string Version = WeakGlibcxxVersion.TorchSharpVersion;

    [Fact]
    public void The_output_copy_is_the_package_copy_with_two_bytes_changed()
    {
        var package = File.ReadAllBytes(PackageCopy());
        var output = File.ReadAllBytes(OutputCopy());
        var differing = Enumerable.Range(0, package.Length).Count(i => package[i] != output[i]);
        output.Length.Should().Be(package.Length);
        differing.Should().Be(2, "one version flag and one symbol binding change");

        var result = WeakGlibcxxVersion.Apply(package, Version);
        result.Outcome.Should().Be(WeakVersionOutcome.Patched);
        result.SymbolsWeakened.Should().Be(1, "std::ios_base_library_init() is the one symbol of that version");
        package.Should().Equal(output);
    }

    [Fact]
    public void Patching_again_changes_nothing()
    {
        var bytes = File.ReadAllBytes(OutputCopy());
        var before = bytes.ToArray();
        WeakGlibcxxVersion.Apply(bytes, Version).Outcome.Should().Be(WeakVersionOutcome.AlreadyWeak);
        bytes.Should().Equal(before);
    }

    [Fact]
    public void A_library_that_does_not_need_the_version_is_left_alone()
    {
        var libc10 = Path.Combine(Path.GetDirectoryName(OutputCopy())!, "libc10.so");
        var bytes = File.ReadAllBytes(libc10);
        var before = bytes.ToArray();
        WeakGlibcxxVersion.Apply(bytes, Version).Outcome.Should().Be(WeakVersionOutcome.VersionAbsent);
        bytes.Should().Equal(before);
    }

    [Fact]
    public void What_is_not_an_elf_file_is_refused()
    {
        FluentActions.Invoking(() => WeakGlibcxxVersion.Apply(
                "not a library, just text long enough to be one"u8.ToArray().Concat(new byte[64]).ToArray(), Version))
            .Should().Throw<InvalidDataException>().WithMessage("not an ELF file");
        var truncated = File.ReadAllBytes(OutputCopy()).AsSpan(0, 4096).ToArray();
        FluentActions.Invoking(() => WeakGlibcxxVersion.Apply(truncated, Version))
            .Should().Throw<InvalidDataException>().WithMessage("*outside the file*");
    }

    [Fact]
    public void The_patched_copy_loads_and_the_package_copy_only_where_the_host_has_the_version()
    {
        // libtorch's own libraries are loaded first (by soname), so each copy below finds them wherever it lies.
        using (torch.zeros(1)) { }
        using var dir = new TempDir();
        var patched = CopyInto(dir, "patched", OutputCopy());
        var original = CopyInto(dir, "original", PackageCopy());

        NativeLibrary.TryLoad(patched, out var handle).Should().BeTrue("the patched library loads on any host");
        NativeLibrary.Free(handle);

        var load = () => NativeLibrary.Free(NativeLibrary.Load(original));
        if (LoadedLibstdcxxHas(Version))
            load.Should().NotThrow();
        else
            load.Should().Throw<DllNotFoundException>().WithMessage($"*{Version}*not found*",
                "without the patch this host's libstdc++ refuses the library: the test would catch a patch that did " +
                "nothing");
    }

    private static string CopyInto(TempDir dir, string name, string library)
    {
        var folder = Directory.CreateDirectory(dir.File(name)).FullName;
        var path = Path.Combine(folder, "libLibTorchSharp.so");
        File.Copy(library, path);
        return path;
    }

    private static string OutputCopy() =>
        Directory.GetFiles(AppContext.BaseDirectory, "libLibTorchSharp.so", SearchOption.AllDirectories).Single();

    /// <summary>The unpatched library in the NuGet package folder the build restored from.</summary>
    private static string PackageCopy()
    {
        var version = typeof(torch).Assembly.GetName().Version!;
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } set
            ? set
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var path = Path.Combine(packages, "torchsharp", $"{version.Major}.{version.Minor}.{version.Build}",
            "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        File.Exists(path).Should().BeTrue($"the restored TorchSharp package holds {path}");
        return path;
    }

    /// <summary>Whether the libstdc++ this process runs with defines the version (read from its mapped file).</summary>
    private static bool LoadedLibstdcxxHas(string version)
    {
        var libstdcxx = File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6
                && Path.GetFileName(fields[5]).StartsWith("libstdc++.so", StringComparison.Ordinal))
            .Select(fields => fields[5])
            .First();
        var needle = System.Text.Encoding.ASCII.GetBytes(version + "\0");
        return File.ReadAllBytes(libstdcxx).AsSpan().IndexOf(needle) >= 0;
    }
}
