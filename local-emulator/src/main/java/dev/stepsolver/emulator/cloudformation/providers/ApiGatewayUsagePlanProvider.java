package dev.stepsolver.emulator.cloudformation.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.stepsolver.emulator.apigateway.ApiGatewayBackend;
import dev.stepsolver.emulator.apigateway.ApiGatewayBackend.Patch;
import dev.stepsolver.emulator.apigateway.ApiGatewayBackend.UsagePlanSpec;
import dev.stepsolver.emulator.apigateway.UsagePlanRecord;
import dev.stepsolver.emulator.apigateway.UsagePlanRecord.ApiStageRef;
import dev.stepsolver.emulator.apigateway.UsagePlanRecord.Quota;
import dev.stepsolver.emulator.apigateway.UsagePlanRecord.Throttle;
import dev.stepsolver.emulator.cloudformation.ResourceProperties;
import dev.stepsolver.emulator.cloudformation.ResourceProvider;
import dev.stepsolver.emulator.cloudformation.ResourceRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code AWS::ApiGateway::UsagePlan}: API stages (with per-method throttles), throttle and quota;
 * physical id and {@code Ref} are the plan id. An update patches what changed.
 */
final class ApiGatewayUsagePlanProvider implements ResourceProvider {

    private static final Set<String> PROPERTIES = Set.of("UsagePlanName", "Description", "ApiStages", "Throttle",
            "Quota", "Tags");

    private final ApiGatewayBackend apiGateway;

    ApiGatewayUsagePlanProvider(ApiGatewayBackend apiGateway) {
        this.apiGateway = apiGateway;
    }

    @Override
    public String type() {
        return "AWS::ApiGateway::UsagePlan";
    }

    @Override
    public Set<String> attributeNames() {
        return Set.of("Id");
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of();
    }

    @Override
    public String create(ResourceRequest request) {
        ResourceProperties props = request.props();
        props.permitOnly(PROPERTIES);
        String name = props.text("UsagePlanName").orElseGet(() -> request.generatedName(128));
        return apiGateway.createUsagePlan(new UsagePlanSpec(name, props.text("Description"), apiStages(props),
                throttle(props.object("Throttle")), quota(props), props.tags())).id();
    }

    @Override
    public void update(ResourceRequest request, String planId, JsonNode oldProperties) {
        ResourceProperties props = request.props();
        props.permitOnly(PROPERTIES);
        UsagePlanRecord current = apiGateway.usagePlan(planId);
        List<Patch> patches = new ArrayList<>();
        patches.add(Patch.replace("/name", props.text("UsagePlanName").orElse(current.name())));
        patches.add(Patch.set("/description", props.text("Description")));
        Optional<Throttle> throttle = throttle(props.object("Throttle"));
        if (throttle.isPresent()) {
            patches.add(Patch.replace("/throttle/rateLimit", String.valueOf(throttle.get().rateLimit())));
            patches.add(Patch.replace("/throttle/burstLimit", String.valueOf(throttle.get().burstLimit())));
        } else if (current.throttleIfAny().isPresent()) {
            patches.add(Patch.remove("/throttle"));
        }
        Optional<Quota> quota = quota(props);
        if (quota.isPresent()) {
            patches.add(Patch.replace("/quota/limit", String.valueOf(quota.get().limit())));
            patches.add(Patch.replace("/quota/offset", String.valueOf(quota.get().offset())));
            patches.add(Patch.replace("/quota/period", quota.get().period()));
        } else if (current.quotaIfAny().isPresent()) {
            patches.add(Patch.remove("/quota"));
        }
        List<String> wanted = apiStages(props).stream().map(s -> s.apiId() + ":" + s.stage()).toList();
        List<String> present = current.apiStages().stream().map(s -> s.apiId() + ":" + s.stage()).toList();
        present.stream().filter(s -> !wanted.contains(s)).forEach(s -> patches.add(new Patch("remove", "/apiStages",
                Optional.of(s), Optional.empty())));
        wanted.stream().filter(s -> !present.contains(s)).forEach(s -> patches.add(new Patch("add", "/apiStages",
                Optional.of(s), Optional.empty())));
        apiGateway.updateUsagePlan(planId, patches);
    }

    @Override
    public void delete(ResourceRequest request, String planId) {
        apiGateway.deleteUsagePlan(planId);
    }

    @Override
    public Map<String, JsonNode> attributes(ResourceRequest request, String planId) {
        return Map.of("Id", TextNode.valueOf(planId));
    }

    /** {@code ApiStages: [{ApiId, Stage, Throttle: {"/path/METHOD": {RateLimit, BurstLimit}}}]}. */
    private static List<ApiStageRef> apiStages(ResourceProperties props) {
        List<ApiStageRef> stages = new ArrayList<>();
        for (ResourceProperties stage : props.objects("ApiStages")) {
            stage.permitOnly(Set.of("ApiId", "Stage", "Throttle"));
            Map<String, Throttle> methods = new LinkedHashMap<>();
            stage.object("Throttle").ifPresent(t -> t.node().fieldNames().forEachRemaining(method ->
                    throttle(t.object(method)).ifPresent(limit -> methods.put(method, limit))));
            stages.add(new ApiStageRef(stage.requiredText("ApiId"), stage.requiredText("Stage"), methods));
        }
        return stages;
    }

    private static Optional<Throttle> throttle(Optional<ResourceProperties> throttle) {
        return throttle.map(t -> {
            t.permitOnly(Set.of("RateLimit", "BurstLimit"));
            return new Throttle(t.number("RateLimit").orElse(0.0), t.integer("BurstLimit").orElse(0));
        });
    }

    private static Optional<Quota> quota(ResourceProperties props) {
        return props.object("Quota").map(q -> {
            q.permitOnly(Set.of("Limit", "Offset", "Period"));
            return new Quota(q.integer("Limit").orElse(0), q.integer("Offset").orElse(0),
                    q.requiredText("Period"));
        });
    }
}
