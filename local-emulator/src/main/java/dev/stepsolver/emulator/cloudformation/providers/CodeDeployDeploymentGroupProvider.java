package dev.stepsolver.emulator.cloudformation.providers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepsolver.emulator.cloudformation.ResourceProperties;
import dev.stepsolver.emulator.cloudformation.ResourceProvider;
import dev.stepsolver.emulator.cloudformation.ResourceRequest;
import dev.stepsolver.emulator.codedeploy.AlarmConfiguration;
import dev.stepsolver.emulator.codedeploy.AutoRollbackConfiguration;
import dev.stepsolver.emulator.codedeploy.CodeDeployBackend;
import dev.stepsolver.emulator.codedeploy.DeploymentGroupSpec;
import dev.stepsolver.emulator.codedeploy.DeploymentGroupUpdate;
import dev.stepsolver.emulator.codedeploy.RollbackEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code AWS::CodeDeploy::DeploymentGroup} of a Lambda application: configuration, service role,
 * alarms and automatic rollback. Physical id and {@code Ref} are the group name. EC2, on-premises
 * and ECS targets are not modelled (the emulator's CodeDeploy deploys Lambda functions).
 */
final class CodeDeployDeploymentGroupProvider implements ResourceProvider {

    private static final Set<String> PROPERTIES = Set.of("ApplicationName", "DeploymentGroupName",
            "DeploymentConfigName", "ServiceRoleArn", "DeploymentStyle", "AutoRollbackConfiguration",
            "AlarmConfiguration", "Tags");

    private final CodeDeployBackend codeDeploy;

    CodeDeployDeploymentGroupProvider(CodeDeployBackend codeDeploy) {
        this.codeDeploy = codeDeploy;
    }

    @Override
    public String type() {
        return "AWS::CodeDeploy::DeploymentGroup";
    }

    @Override
    public Set<String> attributeNames() {
        return Set.of();
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("ApplicationName", "DeploymentGroupName");
    }

    @Override
    public Optional<String> nameProperty() {
        return Optional.of("DeploymentGroupName");
    }

    @Override
    public String create(ResourceRequest request) {
        ResourceProperties props = checked(request.props());
        String name = props.text("DeploymentGroupName").orElseGet(() -> request.generatedName(100));
        codeDeploy.createDeploymentGroup(new DeploymentGroupSpec(props.requiredText("ApplicationName"), name,
                props.text("DeploymentConfigName"), props.requiredText("ServiceRoleArn"), alarms(props),
                autoRollback(props)));
        return name;
    }

    @Override
    public void update(ResourceRequest request, String name, JsonNode oldProperties) {
        ResourceProperties props = checked(request.props());
        String application = props.requiredText("ApplicationName");
        // a configuration left out goes back to the platform's default, as a new group would get
        Optional<String> config = props.text("DeploymentConfigName").or(() -> codeDeploy.application(application)
                .map(app -> CodeDeployBackend.defaultConfigName(app.computePlatform())));
        codeDeploy.updateDeploymentGroup(application, name, new DeploymentGroupUpdate(Optional.empty(), config,
                Optional.of(props.requiredText("ServiceRoleArn")), Optional.of(alarms(props)),
                Optional.of(autoRollback(props))));
    }

    @Override
    public void delete(ResourceRequest request, String name) {
        String application = request.props().requiredText("ApplicationName");
        if (codeDeploy.application(application).isPresent()) {
            codeDeploy.deleteDeploymentGroup(application, name);
        }
    }

    @Override
    public Map<String, JsonNode> attributes(ResourceRequest request, String name) {
        return Map.of();
    }

    private static ResourceProperties checked(ResourceProperties props) {
        props.permitOnly(PROPERTIES);
        Optional<ResourceProperties> style = props.object("DeploymentStyle");
        if (style.isPresent()) {
            style.get().permitOnly(Set.of("DeploymentType", "DeploymentOption"));
            String type = style.get().text("DeploymentType").orElse("BLUE_GREEN");
            String option = style.get().text("DeploymentOption").orElse("WITH_TRAFFIC_CONTROL");
            if (!type.equals("BLUE_GREEN") || !option.equals("WITH_TRAFFIC_CONTROL")) {
                throw props.invalid("#/DeploymentStyle: a Lambda deployment group is BLUE_GREEN with"
                        + " WITH_TRAFFIC_CONTROL, not " + type + " with " + option);
            }
        }
        return props;
    }

    /** {@code AlarmConfiguration: {Enabled, IgnorePollAlarmFailure, Alarms: [{Name}]}}. */
    private static AlarmConfiguration alarms(ResourceProperties props) {
        Optional<ResourceProperties> config = props.object("AlarmConfiguration");
        if (config.isEmpty()) {
            return AlarmConfiguration.none();
        }
        config.get().permitOnly(Set.of("Enabled", "IgnorePollAlarmFailure", "Alarms"));
        List<String> names = new ArrayList<>();
        for (ResourceProperties alarm : config.get().objects("Alarms")) {
            alarm.permitOnly(Set.of("Name"));
            names.add(alarm.requiredText("Name"));
        }
        return new AlarmConfiguration(config.get().bool("Enabled").orElse(false),
                config.get().bool("IgnorePollAlarmFailure").orElse(false), names);
    }

    /** {@code AutoRollbackConfiguration: {Enabled, Events}}. */
    private static AutoRollbackConfiguration autoRollback(ResourceProperties props) {
        Optional<ResourceProperties> config = props.object("AutoRollbackConfiguration");
        if (config.isEmpty()) {
            return AutoRollbackConfiguration.none();
        }
        config.get().permitOnly(Set.of("Enabled", "Events"));
        List<RollbackEvent> events = new ArrayList<>();
        for (String event : config.get().texts("Events")) {
            try {
                events.add(RollbackEvent.valueOf(event));
            } catch (IllegalArgumentException e) {
                throw props.invalid("#/AutoRollbackConfiguration/Events: " + event + " is not a valid enum value");
            }
        }
        return new AutoRollbackConfiguration(config.get().bool("Enabled").orElse(false), events);
    }
}
