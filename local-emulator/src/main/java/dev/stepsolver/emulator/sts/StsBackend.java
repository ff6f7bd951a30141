package dev.stepsolver.emulator.sts;

/** STS: who the caller is. The emulator's access keys act as their account's root user. */
public final class StsBackend {

    /** The identity of a caller: its user id, account and ARN. */
    public record Identity(String userId, String account, String arn) {
    }

    public Identity callerIdentity(String accountId) {
        return new Identity(accountId, accountId, "arn:aws:iam::" + accountId + ":root");
    }
}
