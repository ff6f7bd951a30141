package dev.stepsolver.emulator.ecr;

import dev.stepsolver.emulator.EmulatorContext;
import dev.stepsolver.emulator.ServiceModule;
import dev.stepsolver.emulator.auth.Credentials;
import dev.stepsolver.emulator.http.ServiceRegistry;
import dev.stepsolver.emulator.protocol.AwsCall;
import dev.stepsolver.emulator.protocol.AwsException;
import dev.stepsolver.emulator.protocol.ModeledServiceEndpoint;
import dev.stepsolver.emulator.protocol.OperationTable;
import dev.stepsolver.emulator.protocol.ServiceMetadata;
import dev.stepsolver.emulator.protocol.WireProtocol;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.BatchDeleteImageRequest;
import software.amazon.awssdk.services.ecr.model.BatchDeleteImageResponse;
import software.amazon.awssdk.services.ecr.model.BatchGetImageRequest;
import software.amazon.awssdk.services.ecr.model.BatchGetImageResponse;
import software.amazon.awssdk.services.ecr.model.CreateRepositoryRequest;
import software.amazon.awssdk.services.ecr.model.CreateRepositoryResponse;
import software.amazon.awssdk.services.ecr.model.DeleteRepositoryRequest;
import software.amazon.awssdk.services.ecr.model.DeleteRepositoryResponse;
import software.amazon.awssdk.services.ecr.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ecr.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ecr.model.DescribeRepositoriesRequest;
import software.amazon.awssdk.services.ecr.model.DescribeRepositoriesResponse;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenRequest;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenResponse;
import software.amazon.awssdk.services.ecr.model.Image;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageFailure;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;

/** ECR over JSON 1.1 ({@code AmazonEC2ContainerRegistry_V20150921.*}) and its OCI registry on {@code /v2/}. */
public final class EcrModule implements ServiceModule {

    static final ServiceMetadata METADATA = new ServiceMetadata("ecr", List.of(WireProtocol.JSON_1_1), "",
            Optional.of("AmazonEC2ContainerRegistry_V20150921"), Optional.empty(), Optional.empty(), false,
            ServiceMetadata.MissingMemberStyle.VALIDATION_ERROR);

    @Override
    public void install(EmulatorContext context, ServiceRegistry registry) {
        String secretMaterial = context.config().accountId() + "\n" + context.config().credentials().stream()
                .map(Credentials::secretAccessKey).collect(Collectors.joining("\n"));
        EcrBackend backend = new EcrBackend(context.clock(), context.state(), context.config().accountId(),
                context.config().region(), context::endpoint, secretMaterial);
        context.registerBackend(EcrBackend.class, backend);
        registry.addEndpoint(new ModeledServiceEndpoint(METADATA, () -> operations(backend)));
        registry.addRoute(new RegistryRoute(backend));
    }

    static OperationTable operations(EcrBackend backend) {
        return OperationTable.builder()
                .add("CreateRepository", CreateRepositoryRequest::builder, (CreateRepositoryRequest in, AwsCall call) ->
                        CreateRepositoryResponse.builder().repository(toModel(backend, backend.createRepository(
                                in.repositoryName(), Optional.ofNullable(in.imageTagMutabilityAsString())))).build())
                .require("repositoryName")
                .add("DescribeRepositories", DescribeRepositoriesRequest::builder,
                        (DescribeRepositoriesRequest in, AwsCall call) -> {
                            List<Repository> all = backend.describeRepositories(in.repositoryNames());
                            Page<Repository> page = Page.of(all, in.maxResults(), in.nextToken());
                            return DescribeRepositoriesResponse.builder()
                                    .repositories(page.items().stream().map(r -> toModel(backend, r)).toList())
                                    .nextToken(page.nextToken().orElse(null)).build();
                        })
                .add("DeleteRepository", DeleteRepositoryRequest::builder, (DeleteRepositoryRequest in, AwsCall call) ->
                        DeleteRepositoryResponse.builder().repository(toModel(backend, backend.deleteRepository(
                                in.repositoryName(), Boolean.TRUE.equals(in.force())))).build())
                .require("repositoryName")
                .add("DescribeImages", DescribeImagesRequest::builder, (DescribeImagesRequest in, AwsCall call) -> {
                    List<ImageRecord> all = backend.describeImages(in.repositoryName(), ids(in.imageIds()),
                            Optional.ofNullable(in.filter()).map(f -> f.tagStatusAsString()));
                    Page<ImageRecord> page = Page.of(all, in.maxResults(), in.nextToken());
                    return DescribeImagesResponse.builder()
                            .imageDetails(page.items().stream().map(image -> detail(backend, image)).toList())
                            .nextToken(page.nextToken().orElse(null)).build();
                })
                .require("repositoryName")
                .add("BatchGetImage", BatchGetImageRequest::builder, (BatchGetImageRequest in, AwsCall call) -> {
                    Map.Entry<List<ImageRecord>, List<EcrBackend.ImageFailure>> result = backend.batchGetImage(
                            in.repositoryName(), ids(in.imageIds()), in.acceptedMediaTypes());
                    return BatchGetImageResponse.builder()
                            .images(result.getKey().stream().map(image -> Image.builder()
                                    .registryId(backend.accountId())
                                    .repositoryName(image.repository())
                                    .imageId(ImageIdentifier.builder().imageDigest(image.digest())
                                            .imageTag(image.tags().isEmpty() ? null : image.tags().get(0)).build())
                                    .imageManifest(new String(image.manifest(), java.nio.charset.StandardCharsets.UTF_8))
                                    .imageManifestMediaType(image.manifestMediaType())
                                    .build()).toList())
                            .failures(failures(result.getValue()))
                            .build();
                })
                .require("repositoryName", "imageIds")
                .add("BatchDeleteImage", BatchDeleteImageRequest::builder, (BatchDeleteImageRequest in, AwsCall call) -> {
                    Map.Entry<List<EcrBackend.ImageId>, List<EcrBackend.ImageFailure>> result =
                            backend.batchDeleteImage(in.repositoryName(), ids(in.imageIds()));
                    return BatchDeleteImageResponse.builder()
                            .imageIds(result.getKey().stream().map(EcrModule::identifier).toList())
                            .failures(failures(result.getValue()))
                            .build();
                })
                .require("repositoryName", "imageIds")
                .add("GetAuthorizationToken", GetAuthorizationTokenRequest::builder,
                        (GetAuthorizationTokenRequest in, AwsCall call) -> {
                            EcrBackend.AuthorizationToken token = backend.authorizationToken();
                            return GetAuthorizationTokenResponse.builder().authorizationData(AuthorizationData.builder()
                                    .authorizationToken(token.token())
                                    .expiresAt(token.expiresAt())
                                    .proxyEndpoint(token.proxyEndpoint())
                                    .build()).build();
                        })
                .build();
    }

    /** A page of a list, with ECR's maxResults (1 to 1000) and an opaque next token. */
    record Page<T>(List<T> items, Optional<String> nextToken) {
        static <T> Page<T> of(List<T> all, Integer maxResults, String nextToken) {
            int max = maxResults == null ? 1000 : maxResults;
            if (max < 1 || max > 1000) {
                throw AwsException.badRequest("InvalidParameterException", "Invalid parameter at 'maxResults' failed"
                        + " to satisfy constraint: 'Member must have value between 1 and 1000'");
            }
            int start = 0;
            if (nextToken != null) {
                try {
                    start = Integer.parseInt(nextToken);
                } catch (NumberFormatException e) {
                    throw AwsException.badRequest("InvalidParameterException", "Invalid parameter at 'nextToken'");
                }
            }
            start = Math.max(0, Math.min(start, all.size()));
            int end = Math.min(all.size(), start + max);
            return new Page<>(all.subList(start, end), end < all.size() ? Optional.of(Integer.toString(end))
                    : Optional.empty());
        }
    }

    private static List<EcrBackend.ImageId> ids(List<ImageIdentifier> identifiers) {
        return identifiers.stream().map(id -> new EcrBackend.ImageId(Optional.ofNullable(id.imageDigest()),
                Optional.ofNullable(id.imageTag()))).toList();
    }

    private static ImageIdentifier identifier(EcrBackend.ImageId id) {
        return ImageIdentifier.builder().imageDigest(id.digest().orElse(null)).imageTag(id.tag().orElse(null)).build();
    }

    private static List<ImageFailure> failures(List<EcrBackend.ImageFailure> failures) {
        return failures.stream().map(f -> ImageFailure.builder().imageId(identifier(f.imageId()))
                .failureCode(f.code()).failureReason(f.reason()).build()).toList();
    }

    private static ImageDetail detail(EcrBackend backend, ImageRecord image) {
        return ImageDetail.builder()
                .registryId(backend.accountId())
                .repositoryName(image.repository())
                .imageDigest(image.digest())
                .imageTags(image.tags().isEmpty() ? null : image.tags())
                .imageSizeInBytes(image.sizeInBytes())
                .imagePushedAt(image.pushedAt())
                .imageManifestMediaType(image.manifestMediaType())
                .artifactMediaType(image.artifactMediaType())
                .build();
    }

    private static software.amazon.awssdk.services.ecr.model.Repository toModel(EcrBackend backend,
            Repository repository) {
        return software.amazon.awssdk.services.ecr.model.Repository.builder()
                .repositoryArn(repository.arn())
                .registryId(repository.registryId())
                .repositoryName(repository.name())
                .repositoryUri(backend.repositoryUri(repository.name()))
                .createdAt(repository.createdAt())
                .imageTagMutability(repository.imageTagMutability())
                .imageScanningConfiguration(c -> c.scanOnPush(false))
                .encryptionConfiguration(c -> c.encryptionType("AES256"))
                .build();
    }
}
