"""Ref of an AWS::Lambda::Version on moto.

CloudFormation's Ref of a Lambda version is the version's ARN (`arn:…:function:<name>:<version>`).
moto 5.2.5's LambdaVersion has no physical id, so its Ref hands the Python object on, and an
AWS::Lambda::Permission naming a version (as every Lambda@Edge invoke permission does: osls grants
edgelambda.amazonaws.com the version CloudFront runs) fails the whole stack with a 500. This gives
the version the ARN CloudFormation gives it; nothing else changes.
"""

from typing import Any

from moto.awslambda.models import LambdaVersion, make_function_ver_arn

_create = LambdaVersion.create_from_cloudformation_json.__func__  # type: ignore[attr-defined]


def _create_with_arn(
    cls: type, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
) -> LambdaVersion:
    version = _create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
    function = str(cloudformation_json["Properties"]["FunctionName"])
    # A function name, or an ARN whose last part is the name.
    name = function.split(":")[-1] if function.startswith("arn:") else function
    version.arn = make_function_ver_arn(region_name, account_id, name, version.version)
    return version


LambdaVersion.create_from_cloudformation_json = classmethod(_create_with_arn)  # type: ignore[assignment]
LambdaVersion.physical_resource_id = property(lambda self: self.arn)  # type: ignore[attr-defined]
