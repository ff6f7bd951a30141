package dev.stepsolver.emulator.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stepsolver.emulator.Clients;
import dev.stepsolver.emulator.EmulatorProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.waiters.LambdaWaiter;

/** The emulator jar as a process: its function processes must not outlive it, even after SIGKILL. */
class LambdaProcessIT {

    @TempDir
    Path scratch;

    @Test
    void functionProcessesEndWhenTheEmulatorIsKilled() throws Exception {
        List<ProcessHandle> functionProcesses;
        try (EmulatorProcess emulator = EmulatorProcess.start(List.of("--port", "0"));
                EcrClient ecr = Clients.ecr(emulator.endpoint());
                LambdaClient lambda = Clients.lambda(emulator.endpoint())) {
            ecr.createRepository(r -> r.repositoryName("handler"));
            HandlerImage.Pushed image = HandlerImage.push(ecr, "handler", "v1", Map.of(), List.of(), scratch);
            lambda.createFunction(r -> r.functionName("survivor").packageType("Image")
                    .code(c -> c.imageUri(image.uri())).role("arn:aws:iam::000000000000:role/lambda"));
            try (LambdaWaiter waiter = LambdaWaiter.builder().client(lambda).build()) {
                waiter.waitUntilFunctionActiveV2(r -> r.functionName("survivor"));
            }
            for (int i = 0; i < 3; i++) {
                lambda.invoke(r -> r.functionName("survivor").payload(SdkBytes.fromUtf8String("{}")));
            }
            functionProcesses = emulator.process().descendants().filter(ProcessHandle::isAlive).toList();
            assertThat(functionProcesses).isNotEmpty();

            emulator.kill();

            assertThat(emulator.process().isAlive()).isFalse();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> functionProcesses.stream().noneMatch(ProcessHandle::isAlive));
    }
}
