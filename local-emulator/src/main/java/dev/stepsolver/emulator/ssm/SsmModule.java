package dev.stepsolver.emulator.ssm;

import dev.stepsolver.emulator.EmulatorContext;
import dev.stepsolver.emulator.ServiceModule;
import dev.stepsolver.emulator.http.ServiceRegistry;
import dev.stepsolver.emulator.protocol.AwsCall;
import dev.stepsolver.emulator.protocol.ModeledServiceEndpoint;
import dev.stepsolver.emulator.protocol.OperationTable;
import dev.stepsolver.emulator.protocol.ServiceMetadata;
import dev.stepsolver.emulator.protocol.WireProtocol;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ssm.model.DeleteParameterRequest;
import software.amazon.awssdk.services.ssm.model.DeleteParameterResponse;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterResponse;
import software.amazon.awssdk.services.ssm.model.GetParametersRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.PutParameterRequest;
import software.amazon.awssdk.services.ssm.model.PutParameterResponse;

/** SSM Parameter Store over JSON 1.1 ({@code AmazonSSM.*}). */
public final class SsmModule implements ServiceModule {

    static final ServiceMetadata METADATA = new ServiceMetadata("ssm", List.of(WireProtocol.JSON_1_1), "",
            Optional.of("AmazonSSM"), Optional.empty(), Optional.empty(), false,
            ServiceMetadata.MissingMemberStyle.VALIDATION_ERROR);

    @Override
    public void install(EmulatorContext context, ServiceRegistry registry) {
        SsmBackend backend = new SsmBackend(context.clock(), context.state());
        context.registerBackend(SsmBackend.class, backend);
        registry.addEndpoint(new ModeledServiceEndpoint(METADATA, () -> operations(backend)));
    }

    static OperationTable operations(SsmBackend backend) {
        return OperationTable.builder()
                .add("PutParameter", PutParameterRequest::builder, (PutParameterRequest in, AwsCall call) -> {
                    long version = backend.put(new SsmBackend.PutRequest(in.name(), in.value(),
                            Optional.ofNullable(in.typeAsString()), Boolean.TRUE.equals(in.overwrite()),
                            Optional.ofNullable(in.description()), Optional.ofNullable(in.keyId()),
                            Optional.ofNullable(in.dataType())));
                    return PutParameterResponse.builder().version(version).tier("Standard").build();
                })
                .require("Name", "Value")
                .add("GetParameter", GetParameterRequest::builder, (GetParameterRequest in, AwsCall call) ->
                        GetParameterResponse.builder().parameter(toModel(backend,
                                backend.get(in.name(), Boolean.TRUE.equals(in.withDecryption())), call)).build())
                .require("Name")
                .add("GetParameters", GetParametersRequest::builder, (GetParametersRequest in, AwsCall call) -> {
                    Map.Entry<List<SsmBackend.Read>, List<String>> result =
                            backend.getAll(in.names(), Boolean.TRUE.equals(in.withDecryption()));
                    return GetParametersResponse.builder()
                            .parameters(result.getKey().stream().map(read -> toModel(backend, read, call)).toList())
                            .invalidParameters(result.getValue())
                            .build();
                })
                .require("Names")
                .add("DeleteParameter", DeleteParameterRequest::builder, (DeleteParameterRequest in, AwsCall call) -> {
                    backend.delete(in.name());
                    return DeleteParameterResponse.builder().build();
                })
                .require("Name")
                .build();
    }

    private static software.amazon.awssdk.services.ssm.model.Parameter toModel(SsmBackend backend,
            SsmBackend.Read read, AwsCall call) {
        Parameter.Version version = read.version();
        return software.amazon.awssdk.services.ssm.model.Parameter.builder()
                .name(read.parameter().name())
                .type(version.type())
                .value(read.value())
                .version(version.version())
                .selector(read.selector().map(s -> ":" + s).orElse(null))
                .lastModifiedDate(version.lastModified())
                .arn(backend.arn(call.caller().region(), call.caller().accountId(), read.parameter().name()))
                .dataType(version.dataType())
                .build();
    }
}
