using System.Diagnostics;
using System.Globalization;

namespace DataOrchestrator.Testing.Processes;

/// <summary>A <see cref="ServiceProcess"/> just started: the process, its output being read, and where it runs and listens.</summary>
internal sealed record ProcessLaunch(Process Process, ProcessOutput Output, string WorkingDirectory, bool OwnsDirectory, Uri Address)
{
    public static ProcessLaunch Start(ServiceProcessOptions options)
    {
        var ownsDirectory = options.WorkingDirectory is null;
        var directory = options.WorkingDirectory ?? Directory.CreateTempSubdirectory($"do-{options.Name}-").FullName;
        foreach (var (name, content) in options.Files)
        {
            File.WriteAllText(Path.Combine(directory, name), content);
        }

        var port = options.ReadyPath is null ? 0 : LoopbackPort.Free();
        var address = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        var start = new ProcessStartInfo(options.Host, [options.Dll, "--urls", address.GetLeftPart(UriPartial.Authority), .. options.Arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        foreach (var (key, value) in options.Environment)
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value.Replace(ServiceProcessOptions.AddressPlaceholder, address.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal);
            }
        }

        var output = new ProcessOutput(options.KeepOutput, options.LogFile);
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => output.Add(e.Data, isError: false);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data, isError: true);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ProcessLaunch(process, output, directory, ownsDirectory, address);
    }
}
