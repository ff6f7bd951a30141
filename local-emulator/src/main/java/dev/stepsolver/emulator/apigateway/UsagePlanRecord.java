package dev.stepsolver.emulator.apigateway;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A usage plan: the API stages it opens to its keys, the throttle (token bucket) and quota each
 * key gets, and the keys.
 *
 * @param description {@code null} for none
 * @param throttle {@code null} for none
 * @param quota {@code null} for none
 * @param keys by API key id
 */
public record UsagePlanRecord(String id, String name, String description, List<ApiStageRef> apiStages,
        Throttle throttle, Quota quota, Map<String, PlanKey> keys, Map<String, String> tags) {

    public UsagePlanRecord {
        apiStages = List.copyOf(apiStages);
        keys = Map.copyOf(keys);
        tags = Map.copyOf(tags);
    }

    public Optional<Throttle> throttleIfAny() {
        return Optional.ofNullable(throttle);
    }

    public Optional<Quota> quotaIfAny() {
        return Optional.ofNullable(quota);
    }

    public Optional<ApiStageRef> apiStage(String apiId, String stage) {
        return apiStages.stream().filter(s -> s.apiId().equals(apiId) && s.stage().equals(stage)).findFirst();
    }

    UsagePlanRecord withKeys(Map<String, PlanKey> newKeys) {
        return new UsagePlanRecord(id, name, description, apiStages, throttle, quota, newKeys, tags);
    }

    /**
     * An API stage a plan covers, with optional per-method throttles keyed {@code /path/METHOD}
     * (as AWS names them, e.g. {@code /pets/GET}).
     */
    public record ApiStageRef(String apiId, String stage, Map<String, Throttle> methodThrottles) {

        public ApiStageRef {
            methodThrottles = Map.copyOf(methodThrottles);
        }
    }

    /** Steady requests per second and the bucket size for bursts. */
    public record Throttle(double rateLimit, int burstLimit) {
    }

    /**
     * At most {@code limit} requests per {@code period} (DAY, WEEK or MONTH, in UTC), {@code offset}
     * fewer in the period the key joined the plan.
     */
    public record Quota(int limit, int offset, String period) {
    }

    /** A key in the plan and when it was added (which quota period is its first). */
    public record PlanKey(String keyId, String type, Instant addedAt) {
    }
}
