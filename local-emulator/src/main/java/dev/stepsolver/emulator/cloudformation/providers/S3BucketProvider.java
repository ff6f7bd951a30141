package dev.stepsolver.emulator.cloudformation.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.stepsolver.emulator.cloudformation.ResourceFailure;
import dev.stepsolver.emulator.cloudformation.ResourceProperties;
import dev.stepsolver.emulator.cloudformation.ResourceProvider;
import dev.stepsolver.emulator.cloudformation.ResourceRequest;
import dev.stepsolver.emulator.s3.S3Backend;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code AWS::S3::Bucket} through the S3 backend. */
final class S3BucketProvider implements ResourceProvider {

    /**
     * Access control and encryption settings are accepted and not modelled: the emulator evaluates no
     * access policy and keeps bodies as they are; S3 keeps no tags.
     */
    private static final Set<String> PROPERTIES = Set.of("BucketName", "PublicAccessBlockConfiguration",
            "BucketEncryption", "OwnershipControls", "Tags");

    private final S3Backend s3;

    S3BucketProvider(S3Backend s3) {
        this.s3 = s3;
    }

    @Override
    public String type() {
        return "AWS::S3::Bucket";
    }

    @Override
    public Set<String> attributeNames() {
        return Set.of("Arn", "DomainName", "DualStackDomainName", "RegionalDomainName", "WebsiteURL");
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("BucketName");
    }

    @Override
    public Optional<String> nameProperty() {
        return Optional.of("BucketName");
    }

    @Override
    public String create(ResourceRequest request) {
        ResourceProperties props = request.props();
        props.permitOnly(PROPERTIES);
        String name = props.text("BucketName").orElseGet(() -> request.generatedLowerCaseName(63));
        if (s3.listBuckets().stream().anyMatch(bucket -> bucket.name().equals(name))) {
            throw ResourceFailure.of(ResourceFailure.Code.AlreadyExists, name + " already exists");
        }
        s3.createBucket(name, request.region());
        return name;
    }

    @Override
    public void update(ResourceRequest request, String physicalId, JsonNode oldProperties) {
        // only settings the emulator accepts without modelling can change in place
        request.props().permitOnly(PROPERTIES);
        s3.bucket(physicalId);
    }

    @Override
    public void delete(ResourceRequest request, String physicalId) {
        s3.deleteBucket(physicalId);
    }

    @Override
    public Map<String, JsonNode> attributes(ResourceRequest request, String name) {
        String region = request.region();
        return Map.of(
                "Arn", TextNode.valueOf("arn:aws:s3:::" + name),
                "DomainName", TextNode.valueOf(name + ".s3.amazonaws.com"),
                "DualStackDomainName", TextNode.valueOf(name + ".s3.dualstack." + region + ".amazonaws.com"),
                "RegionalDomainName", TextNode.valueOf(name + ".s3." + region + ".amazonaws.com"),
                "WebsiteURL", TextNode.valueOf("http://" + name + ".s3-website-" + region + ".amazonaws.com"));
    }
}
