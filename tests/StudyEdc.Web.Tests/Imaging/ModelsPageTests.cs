using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using StudyEdc.Core.Identity;
using StudyEdc.Inference.Runtime;
using StudyEdc.TestSupport;
using StudyEdc.Web.Components.Admin;
using StudyEdc.Web.Tests.Infrastructure;

namespace StudyEdc.Web.Tests.Imaging;

/// <summary>The Administrator's model registry page at /admin/models.</summary>
public sealed class ModelsPageTests : StudyPageContext
{
    public ModelsPageTests()
    {
        Services.AddSingleton(new ExecutionProviderInfo(ExecutionProviderInfo.Cpu, null,
            "no CUDA device was found", "1.32.0", ["CPUExecutionProvider", "CUDAExecutionProvider"]));
    }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await SignInAsync("admin.models", StudyRoles.Administrator, null);
    }

    [Fact]
    public void Bundled_model_is_listed_as_active()
    {
        var page = RenderPage();

        page.WaitForAssertion(() => page.Find("[data-testid=active-bundled]"));
        Assert.Equal(BundledModel.Name, page.Find("[data-testid=model-name]").TextContent);
    }

    [Fact]
    public void Execution_provider_and_reason_are_shown()
    {
        var page = RenderPage();

        Assert.Equal("CPU", page.Find("[data-testid=provider-name]").TextContent.Trim());
        Assert.Contains("no CUDA device was found", page.Find("[data-testid=provider-reason]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_onnx_file_shows_contract_error()
    {
        var page = RenderPage();
        FillRegistration(page, "not a model"u8.ToArray());

        page.Find("button[data-testid=register-submit]").Click();

        page.WaitForAssertion(() => Assert.Contains("does not meet the model contract", page.Find("[data-testid=model-error]").TextContent, StringComparison.Ordinal));
        Assert.Single(page.FindAll("[data-testid=model-name]"));
    }

    [Fact]
    public void Registered_model_can_be_activated()
    {
        var page = RenderPage();
        FillRegistration(page, ModelFileVariants.Create("page test"));
        page.Find("button[data-testid=register-submit]").Click();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=model-name]").Count));

        page.Find("button[data-testid^=activate-]:not([data-testid=activate-bundled])").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=active-bundled]")));
        Assert.Contains("detector", page.Find("[data-testid=model-notice]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_exam_ids_are_reported()
    {
        var page = RenderPage();
        Field(page, "requeue-exams").Change("3, x");

        page.Find("button[data-testid=requeue-submit]").Click();

        page.WaitForAssertion(() => Assert.Contains("'3, x'", page.Find("[data-testid=model-error]").TextContent, StringComparison.Ordinal));
    }

    private IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> RenderPage()
    {
        var page = Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<Models>(1);
            builder.CloseComponent();
        });
        page.WaitForAssertion(() => page.Find("[data-testid=model-name]"));
        return page;
    }

    /// <summary>The input or text area of a MudBlazor field, which carries the data-testid itself or on its wrapper.</summary>
    private static AngleSharp.Dom.IElement Field(IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> page, string testId) =>
        page.Find($"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea");

    private static void FillRegistration(IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> page, byte[] file)
    {
        Field(page, "register-name").Change("detector");
        Field(page, "register-version").Change("2.0");
        Field(page, "register-card").Change("Page test variant; not for clinical use.");
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(file, "model.onnx"));
    }
}
