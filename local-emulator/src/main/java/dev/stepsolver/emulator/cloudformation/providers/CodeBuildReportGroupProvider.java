package dev.stepsolver.emulator.cloudformation.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.stepsolver.emulator.cloudformation.PropertyBinding;
import dev.stepsolver.emulator.cloudformation.ResourceFailure;
import dev.stepsolver.emulator.cloudformation.ResourceProperties;
import dev.stepsolver.emulator.cloudformation.ResourceProvider;
import dev.stepsolver.emulator.cloudformation.ResourceRequest;
import dev.stepsolver.emulator.codebuild.CodeBuildBackend;
import dev.stepsolver.emulator.codebuild.ReportGroup;
import dev.stepsolver.emulator.codebuild.ReportType;
import dev.stepsolver.emulator.protocol.ModelJson;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.codebuild.model.ReportExportConfig;

/**
 * {@code AWS::CodeBuild::ReportGroup}; physical id and {@code Ref} are its ARN, as in AWS.
 * {@code DeleteReports} decides whether its reports go with it.
 */
final class CodeBuildReportGroupProvider implements ResourceProvider {

    private static final Set<String> PROPERTIES = Set.of("Name", "Type", "ExportConfig", "DeleteReports", "Tags");

    private final CodeBuildBackend codeBuild;

    CodeBuildReportGroupProvider(CodeBuildBackend codeBuild) {
        this.codeBuild = codeBuild;
    }

    @Override
    public String type() {
        return "AWS::CodeBuild::ReportGroup";
    }

    @Override
    public Set<String> attributeNames() {
        return Set.of("Arn", "Name");
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Name", "Type");
    }

    @Override
    public Optional<String> nameProperty() {
        return Optional.of("Name");
    }

    @Override
    public String create(ResourceRequest request) {
        ResourceProperties props = request.props();
        props.permitOnly(PROPERTIES);
        props.bool("DeleteReports");
        String name = props.text("Name").orElseGet(() -> request.generatedName(128));
        ReportGroup group = codeBuild.createReportGroup(name, reportType(props), exportConfig(props), props.tags());
        return group.arn();
    }

    @Override
    public void update(ResourceRequest request, String arn, JsonNode oldProperties) {
        ResourceProperties props = request.props();
        props.permitOnly(PROPERTIES);
        props.bool("DeleteReports");
        ReportGroup group = group(arn);
        if (!Objects.equals(exportConfig(props), group.exportConfig()) || !props.tags().equals(group.tags())) {
            throw ResourceFailure.notSupported("Changing the ExportConfig or Tags of a report group is not supported"
                    + " by this emulator");
        }
    }

    @Override
    public void delete(ResourceRequest request, String arn) {
        group(arn);
        codeBuild.deleteReportGroup(arn, request.props().bool("DeleteReports").orElse(false));
    }

    @Override
    public Map<String, JsonNode> attributes(ResourceRequest request, String arn) {
        return Map.of("Arn", TextNode.valueOf(arn), "Name", TextNode.valueOf(group(arn).name()));
    }

    private ReportGroup group(String arn) {
        return codeBuild.reportGroup(arn).orElseThrow(() -> ResourceFailure.of(ResourceFailure.Code.NotFound,
                "Report group " + arn + " does not exist"));
    }

    private static ReportType reportType(ResourceProperties props) {
        String type = props.requiredText("Type");
        try {
            return ReportType.valueOf(type);
        } catch (IllegalArgumentException e) {
            throw props.invalid("#/Type: " + type + " is not a valid enum value (TEST, CODE_COVERAGE)");
        }
    }

    private static String exportConfig(ResourceProperties props) {
        ResourceProperties config = props.object("ExportConfig").orElseThrow(() -> props.invalid(
                "#: required key [ExportConfig] not found"));
        return ModelJson.write(PropertyBinding.bind(config, ReportExportConfig::builder));
    }
}
