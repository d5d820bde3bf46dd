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
                .Should().Throw<InferenceRequestException>().WithMessage("*TorchBackend=cuda*");
    }
}
