package dev.stepsolver.emulator.sts;

import dev.stepsolver.emulator.EmulatorContext;
import dev.stepsolver.emulator.ServiceModule;
import dev.stepsolver.emulator.http.ServiceRegistry;
import dev.stepsolver.emulator.protocol.AwsCall;
import dev.stepsolver.emulator.protocol.ModeledServiceEndpoint;
import dev.stepsolver.emulator.protocol.OperationTable;
import dev.stepsolver.emulator.protocol.ServiceMetadata;
import dev.stepsolver.emulator.protocol.WireProtocol;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** STS over Query: GetCallerIdentity. */
public final class StsModule implements ServiceModule {

    static final ServiceMetadata METADATA = new ServiceMetadata("sts", List.of(WireProtocol.QUERY),
            "https://sts.amazonaws.com/doc/2011-06-15/", Optional.empty(), Optional.empty(), Optional.empty(), false,
            ServiceMetadata.MissingMemberStyle.VALIDATION_ERROR);

    @Override
    public void install(EmulatorContext context, ServiceRegistry registry) {
        StsBackend backend = new StsBackend();
        context.registerBackend(StsBackend.class, backend);
        registry.addEndpoint(new ModeledServiceEndpoint(METADATA, () -> operations(backend)));
    }

    static OperationTable operations(StsBackend backend) {
        return OperationTable.builder()
                .add("GetCallerIdentity", GetCallerIdentityRequest::builder, (GetCallerIdentityRequest input, AwsCall call) -> {
                    StsBackend.Identity identity = backend.callerIdentity(call.caller().accountId());
                    return GetCallerIdentityResponse.builder().userId(identity.userId())
                            .account(identity.account()).arn(identity.arn()).build();
                })
                .build();
    }
}
