package dev.stepsolver.pipeline.synth;

import java.util.Objects;

/**
 * The account, region and connection that {@code pipeline.json} is written for. The defaults
 * are the emulator's conventional account and region; a real account passes its own values and
 * the connection ARN the stack outputs (CodeConnections generates its id).
 */
public record SynthTarget(String accountId, String region, String partition, String connectionArn) {

    public static final String DEFAULT_ACCOUNT = "000000000000";
    public static final String DEFAULT_REGION = "us-east-1";

    public SynthTarget {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(connectionArn, "connectionArn");
    }

    /** A target whose connection ARN is derived from the connection name (replace it for AWS). */
    public static SynthTarget of(String accountId, String region, String connectionName) {
        return new SynthTarget(accountId, region, "aws",
                "arn:aws:codeconnections:" + region + ":" + accountId + ":connection/" + connectionName);
    }

    public SynthTarget withConnectionArn(String arn) {
        return new SynthTarget(accountId, region, partition, arn);
    }

    String roleArn(String roleName) {
        return "arn:" + partition + ":iam::" + accountId + ":role/" + roleName;
    }

    /** Fills the pseudo parameters a name may use. */
    String substitute(String name, String stackName) {
        return name.replace("${AWS::AccountId}", accountId)
                .replace("${AWS::Region}", region)
                .replace("${AWS::Partition}", partition)
                .replace("${AWS::StackName}", stackName);
    }
}
