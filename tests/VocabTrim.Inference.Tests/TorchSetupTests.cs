using TorchSharp;

namespace VocabTrim.Inference.Tests;

public class TorchSetupTests
{
    [Fact]
    public void Native_libtorch_loads_and_computes()
    {
        // Fails with a DllNotFoundException/TypeInitializationException when the GLIBCXX remedy did not apply.
        using var a = torch.arange(1, 5, torch.ScalarType.Float32);
        using var product = torch.matmul(a.unsqueeze(0), a.unsqueeze(1));
        product.item<float>().Should().Be(30f);
    }

    [Fact]
    public void Library_in_the_output_loads_on_this_host()
    {
        var so = Directory.GetFiles(AppContext.BaseDirectory, "libLibTorchSharp.so", SearchOption.AllDirectories);
        so.Should().NotBeEmpty("the TorchSharp native library is copied into the test output");
        var shim = Path.Combine(Path.GetDirectoryName(so[0])!, "libvocabtrim_glibcxx_shim.so");
        var hostHasVersion = HostLibstdcxxHas("GLIBCXX_3.4.32");
        // Where the host lacks the version, the build patched the copy and put the shim beside it; elsewhere it left it alone.
        File.Exists(shim).Should().Be(!hostHasVersion);
    }

    [Theory]
    [InlineData("cpu", DeviceChoice.Cpu)]
    [InlineData("CUDA", DeviceChoice.Cuda)]
    [InlineData("auto", DeviceChoice.Auto)]
    public void Device_names_parse(string name, DeviceChoice expected) =>
        TorchRuntime.ParseDevice(name).Should().Be(expected);

    [Fact]
    public void Auto_device_falls_back_to_cpu_without_cuda()
    {
        var device = TorchRuntime.Resolve(DeviceChoice.Auto);
        device.type.Should().Be(TorchRuntime.CudaAvailable ? DeviceType.CUDA : DeviceType.CPU);
        if (!TorchRuntime.CudaAvailable)
            FluentActions.Invoking(() => TorchRuntime.Resolve(DeviceChoice.Cuda))
                .Should().Throw<InvalidOperationException>().WithMessage("*TorchBackend=cuda*");
    }

    private static bool HostLibstdcxxHas(string version)
    {
        foreach (var dir in new[] { "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64" })
        {
            var path = Path.Combine(dir, "libstdc++.so.6");
            if (File.Exists(path))
                return System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(path)).Contains(version, StringComparison.Ordinal);
        }
        return false;
    }
}
