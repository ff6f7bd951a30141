package dev.stepsolver.emulator.cloudwatch;

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
import software.amazon.awssdk.services.cloudwatch.model.AlarmHistoryItem;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmHistoryRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmHistoryResponse;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmResponse;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.SetAlarmStateRequest;
import software.amazon.awssdk.services.cloudwatch.model.SetAlarmStateResponse;

/** CloudWatch in the three protocols clients use: Query, JSON 1.0 and RPC v2 CBOR. */
public final class CloudWatchModule implements ServiceModule {

    static final String SERVICE_SHAPE = "GraniteServiceVersion20100801";

    static final ServiceMetadata METADATA = new ServiceMetadata("monitoring",
            List.of(WireProtocol.QUERY, WireProtocol.JSON_1_0, WireProtocol.RPC_V2_CBOR),
            "http://monitoring.amazonaws.com/doc/2010-08-01/", Optional.of(SERVICE_SHAPE), Optional.of(SERVICE_SHAPE),
            Optional.of("com.amazonaws.cloudwatch"), true, ServiceMetadata.MissingMemberStyle.MISSING_PARAMETER);

    @Override
    public void install(EmulatorContext context, ServiceRegistry registry) {
        CloudWatchBackend backend = new CloudWatchBackend(context.clock(), context.state(), context.config().region(),
                context.config().accountId());
        context.registerBackend(CloudWatchBackend.class, backend);
        registry.addEndpoint(new ModeledServiceEndpoint(METADATA, () -> operations(backend)));
    }

    static OperationTable operations(CloudWatchBackend backend) {
        return OperationTable.builder()
                .add("PutMetricData", PutMetricDataRequest::builder, (PutMetricDataRequest in, AwsCall call) -> {
                    backend.putMetricData(in.namespace(), in.metricData());
                    return PutMetricDataResponse.builder().build();
                })
                .require("Namespace")
                .add("GetMetricStatistics", GetMetricStatisticsRequest::builder,
                        (GetMetricStatisticsRequest in, AwsCall call) -> backend.getMetricStatistics(in))
                .require("Namespace", "MetricName", "StartTime", "EndTime", "Period")
                .add("GetMetricData", GetMetricDataRequest::builder,
                        (GetMetricDataRequest in, AwsCall call) -> backend.getMetricData(in))
                .require("MetricDataQueries", "StartTime", "EndTime")
                .add("PutMetricAlarm", PutMetricAlarmRequest::builder, (PutMetricAlarmRequest in, AwsCall call) -> {
                    backend.putMetricAlarm(in);
                    return PutMetricAlarmResponse.builder().build();
                })
                .require("AlarmName")
                .add("DescribeAlarms", DescribeAlarmsRequest::builder,
                        (DescribeAlarmsRequest in, AwsCall call) -> backend.describeAlarms(in))
                .add("SetAlarmState", SetAlarmStateRequest::builder, (SetAlarmStateRequest in, AwsCall call) -> {
                    backend.setAlarmState(in.alarmName(), in.stateValueAsString(), in.stateReason(),
                            Optional.ofNullable(in.stateReasonData()));
                    return SetAlarmStateResponse.builder().build();
                })
                .require("AlarmName", "StateValue", "StateReason")
                .add("DeleteAlarms", DeleteAlarmsRequest::builder, (DeleteAlarmsRequest in, AwsCall call) -> {
                    backend.deleteAlarms(in.alarmNames());
                    return DeleteAlarmsResponse.builder().build();
                })
                .require("AlarmNames")
                .add("DescribeAlarmHistory", DescribeAlarmHistoryRequest::builder,
                        (DescribeAlarmHistoryRequest in, AwsCall call) -> DescribeAlarmHistoryResponse.builder()
                                .alarmHistoryItems(backend.alarmHistory(Optional.ofNullable(in.alarmName())).reversed().stream()
                                        .filter(e -> in.historyItemType() == null
                                                || e.type().equals(in.historyItemTypeAsString()))
                                        .map(e -> AlarmHistoryItem.builder().alarmName(e.alarmName())
                                                .alarmType("MetricAlarm").timestamp(e.timestamp())
                                                .historyItemType(e.type()).historySummary(e.summary())
                                                .historyData(e.data()).build())
                                        .toList())
                                .build())
                .build();
    }
}
