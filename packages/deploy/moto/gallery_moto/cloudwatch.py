"""CloudFormation handler for AWS::CloudWatch::Alarm on moto.

moto 5.2.5 emulates CloudWatch alarms (PutMetricAlarm, DescribeAlarms) but its CloudFormation skips
this type. This handler does what CloudFormation does: it calls moto's own CloudWatch backend with
the resource's properties, which carry the same names as PutMetricAlarm's parameters (metric-math
alarms included), so the emulator deploy can read every alarm back through DescribeAlarms. Like
cognito.py, importing the module registers it (moto finds handlers as CloudFormationModel subclasses).
"""

from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.cloudwatch.models import Dimension, Metric, MetricDataQuery, MetricStat, cloudwatch_backends
from moto.core.common_models import CloudFormationModel


def _value(dimension: dict[str, Any]) -> str:
    # A Ref to a resource moto's CloudFormation skips (an HTTP API) resolves to nothing: keep the
    # dimension, empty, as the checks expect (they compare such values from the template).
    return dimension.get("Value") or ""


def _queries(metrics: list[dict[str, Any]]) -> list[MetricDataQuery] | None:
    if not metrics:
        return None
    queries = []
    for query in metrics:
        stat = query.get("MetricStat")
        metric_stat = None
        if stat:
            metric = stat["Metric"]
            dimensions = [Dimension(d["Name"], _value(d)) for d in metric.get("Dimensions", [])]
            metric_stat = MetricStat(
                metric=Metric(metric["MetricName"], metric.get("Namespace"), dimensions),
                period=stat.get("Period"),
                stat=stat.get("Stat"),
                unit=stat.get("Unit"),
            )
        queries.append(
            MetricDataQuery(
                query_id=query["Id"],
                label=query.get("Label"),
                period=query.get("Period"),
                return_data=query.get("ReturnData"),
                expression=query.get("Expression"),
                metric_stat=metric_stat,
            )
        )
    return queries


def _put(name: str, properties: dict[str, Any], account_id: str, region_name: str) -> Any:
    backend = cloudwatch_backends[account_id][region_name]
    return backend.put_metric_alarm(
        name=name,
        namespace=properties.get("Namespace"),
        metric_name=properties.get("MetricName"),
        metric_data_queries=_queries(properties.get("Metrics", [])),
        comparison_operator=properties["ComparisonOperator"],
        evaluation_periods=int(properties["EvaluationPeriods"]),
        datapoints_to_alarm=properties.get("DatapointsToAlarm"),
        period=properties.get("Period"),
        threshold=float(properties["Threshold"]),
        statistic=properties.get("Statistic"),
        extended_statistic=properties.get("ExtendedStatistic"),
        description=properties.get("AlarmDescription"),
        dimensions=[{"Name": d["Name"], "Value": _value(d)} for d in properties.get("Dimensions", [])],
        alarm_actions=properties.get("AlarmActions", []),
        ok_actions=properties.get("OKActions", []),
        insufficient_data_actions=properties.get("InsufficientDataActions", []),
        unit=properties.get("Unit"),
        actions_enabled=properties.get("ActionsEnabled", True),
        treat_missing_data=properties.get("TreatMissingData"),
        evaluate_low_sample_count_percentile=properties.get("EvaluateLowSampleCountPercentile"),
        threshold_metric_id=properties.get("ThresholdMetricId"),
    )


class MetricAlarm(CloudFormationModel):
    def __init__(self, alarm: Any) -> None:
        self.alarm = alarm

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::CloudWatch::Alarm"

    @staticmethod
    def cloudformation_name_type() -> str:
        return "AlarmName"

    @property
    def physical_resource_id(self) -> str:
        return self.alarm.name

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr == "Arn"

    def get_cfn_attribute(self, attribute_name: str) -> str:
        if attribute_name == "Arn":
            return self.alarm.alarm_arn
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
    ) -> "MetricAlarm":
        properties = cloudformation_json.get("Properties", {})
        name = properties.get("AlarmName") or resource_name
        return cls(_put(name, properties, account_id, region_name))

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str
    ) -> "MetricAlarm":
        properties = cloudformation_json.get("Properties", {})
        name = properties.get("AlarmName") or original_resource.alarm.name
        if name != original_resource.alarm.name:
            cloudwatch_backends[account_id][region_name].delete_alarms([original_resource.alarm.name])
        return cls(_put(name, properties, account_id, region_name))

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str
    ) -> None:
        cloudwatch_backends[account_id][region_name].delete_alarms([resource_name])

    def is_created(self) -> bool:
        return True
