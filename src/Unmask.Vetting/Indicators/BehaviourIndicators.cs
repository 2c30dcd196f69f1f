using System.Globalization;
using Unmask.Vetting.Model;
using Unmask.Vetting.Scoring;
using static Unmask.Vetting.Indicators.Claims;

namespace Unmask.Vetting.Indicators;

/// <summary>Behaviour indicators of INDICATORS.md §4.6, from interview/HR fields.</summary>
public static class BehaviourIndicators
{
    /// <summary>VIDEO_REFUSED: the candidate refused video. [PSA-2023-10], [PSA-2025-01], [SEAL].</summary>
    public static Finding? VideoRefused(VetRecord record) =>
        record.InterviewVideo == InterviewVideo.Refused
            ? new Finding(FindingCodes.VideoRefused, Severity.Medium, "declined video in interview", "PSA-2023-10")
            : null;

    /// <summary>CAMERA_OFF: camera off in ≥ 80% of meetings over ≥ 5 meetings. [PSA-2023-10]. When the ratio is given without a
    /// meeting count (<c>0.9</c> rather than <c>9/10</c>) the count cannot be checked and the ratio alone decides.</summary>
    public static Finding? CameraOff(VetRecord record)
    {
        if (record.CameraOffRatio is not { } ratio || ratio < 0.8 || record.CameraMeetings is < 5)
        {
            return null;
        }
        var text = record.CameraMeetings is { } n
            ? $"camera off in {Math.Round(ratio * n).ToString(CultureInfo.InvariantCulture)} of {n} meetings"
            : $"camera off in {ratio:0%} of meetings";
        return new Finding(FindingCodes.CameraOff, Severity.Low, text, "PSA-2023-10",
            Data(("ratio", ratio.ToString("0.00", CultureInfo.InvariantCulture))));
    }

    /// <summary>DIFFERENT_PERSON: an interviewer saw a different face or voice than earlier or on the ID. [PSA-2025-01], [MSFT-2025].</summary>
    public static Finding? DifferentPerson(VetRecord record) =>
        record.DifferentPersonFlag == true
            ? new Finding(FindingCodes.DifferentPerson, Severity.High, "interviewer noted a different person than on earlier calls or the ID photo", "PSA-2025-01")
            : null;

    /// <summary>IN_PERSON_DECLINED: refused an in-person meeting, ID check or drug test. [PSA-2023-10].</summary>
    public static Finding? InPersonDeclined(VetRecord record) =>
        record.InPersonDeclined == true
            ? new Finding(FindingCodes.InPersonDeclined, Severity.Low, "declined in-person meeting or ID check", "PSA-2023-10")
            : null;
}
