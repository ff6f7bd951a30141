package dev.stepsolver.emulator.cloudformation.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.stepsolver.emulator.cloudformation.PropertyBinding;
import dev.stepsolver.emulator.cloudformation.ResourceFailure;
import dev.stepsolver.emulator.cloudformation.ResourceProvider;
import dev.stepsolver.emulator.cloudformation.ResourceRequest;
import dev.stepsolver.emulator.cloudwatch.CloudWatchBackend;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;

/**
 * {@code AWS::CloudWatch::Alarm}, metric math included: its properties are PutMetricAlarm's members,
 * bound to the SDK request; an update replaces the definition and keeps the alarm's state, as in AWS.
 */
final class CloudWatchAlarmProvider implements ResourceProvider {

    private final CloudWatchBackend cloudWatch;

    CloudWatchAlarmProvider(CloudWatchBackend cloudWatch) {
        this.cloudWatch = cloudWatch;
    }

    @Override
    public String type() {
        return "AWS::CloudWatch::Alarm";
    }

    @Override
    public Set<String> attributeNames() {
        return Set.of("Arn");
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("AlarmName");
    }

    @Override
    public Optional<String> nameProperty() {
        return Optional.of("AlarmName");
    }

    @Override
    public String create(ResourceRequest request) {
        PutMetricAlarmRequest alarm = PropertyBinding.bind(request.props(), PutMetricAlarmRequest::builder);
        String name = alarm.alarmName() != null ? alarm.alarmName() : request.generatedName(255);
        if (cloudWatch.alarmState(name).isPresent()) {
            throw ResourceFailure.of(ResourceFailure.Code.AlreadyExists, name + " already exists");
        }
        cloudWatch.putMetricAlarm(alarm.toBuilder().alarmName(name).build());
        return name;
    }

    @Override
    public void update(ResourceRequest request, String name, JsonNode oldProperties) {
        PutMetricAlarmRequest alarm = PropertyBinding.bind(request.props(), PutMetricAlarmRequest::builder);
        cloudWatch.putMetricAlarm(alarm.toBuilder().alarmName(name).build());
    }

    @Override
    public void delete(ResourceRequest request, String name) {
        cloudWatch.deleteAlarms(List.of(name));
    }

    @Override
    public Map<String, JsonNode> attributes(ResourceRequest request, String name) {
        return Map.of("Arn", TextNode.valueOf(request.arnPrefix("cloudwatch") + "alarm:" + name));
    }
}
