"""CloudFormation handlers for the media distribution's CloudFront resources on moto.

moto 5.2.5 emulates CloudFront's API (distributions, origin access controls, public keys, key
groups, functions) but its CloudFormation skips every AWS::CloudFront::* type, and then fails a stack
that reads one of their attributes (the distribution's domain name in the edge stack's outputs, the
function's ARN in the distribution). These handlers do what CloudFormation does: they call moto's own
CloudFront backend with the resource's properties, reshaped from CloudFormation's lists into the
API's Quantity/Items structures. Cache and response headers policies have no moto API: they get the
id CloudFormation would return, and their settings are checked from the template (see
packages/deploy/src/checks/resources/cloudfront.ts).
"""

from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.cloudfront.models import cloudfront_backends
from moto.core.common_models import CloudFormationModel
from moto.moto_api._internal import mock_random as random
from moto.utilities.utils import get_partition


def _backend(account_id: str, region_name: str) -> Any:
    return cloudfront_backends[account_id][get_partition(region_name)]


def _items(values: Any) -> dict[str, Any]:
    values = list(values or [])
    return {"Quantity": len(values), "Items": values}


def _behavior(behavior: dict[str, Any]) -> dict[str, Any]:
    shaped = dict(behavior)
    shaped["AllowedMethods"] = {
        "Items": behavior.get("AllowedMethods", ["GET", "HEAD"]),
        "CachedMethods": {"Items": behavior.get("CachedMethods", ["GET", "HEAD"])},
    }
    shaped["TrustedKeyGroups"] = {"Enabled": bool(behavior.get("TrustedKeyGroups")), **_items(behavior.get("TrustedKeyGroups"))}
    return shaped


def _distribution_config(config: dict[str, Any], caller_reference: str) -> dict[str, Any]:
    origins = []
    for origin in config.get("Origins", []):
        shaped = dict(origin)
        if "S3OriginConfig" in shaped:
            shaped["S3OriginConfig"] = {"OriginAccessIdentity": shaped["S3OriginConfig"].get("OriginAccessIdentity", "")}
        origins.append(shaped)
    shaped_config = {
        key: value for key, value in config.items() if key not in ("Origins", "DefaultCacheBehavior", "CacheBehaviors", "CustomErrorResponses")
    }
    shaped_config.update(
        CallerReference=caller_reference,
        Origins=_items(origins),
        DefaultCacheBehavior=_behavior(config["DefaultCacheBehavior"]),
        CustomErrorResponses=_items(config.get("CustomErrorResponses")),
        IsIPV6Enabled=config.get("IPV6Enabled", True),
    )
    if config.get("CacheBehaviors"):
        shaped_config["CacheBehaviors"] = _items([_behavior(b) for b in config["CacheBehaviors"]])
    return shaped_config


class _Resource:
    """A resource known by an id, with the attributes CloudFormation documents for it. (A mixin:
    moto finds handlers among the direct subclasses of CloudFormationModel only.)"""

    attributes: dict[str, str] = {}
    # The backend's dict of these resources by id (None: moto keeps none).
    store: str | None = None

    def __init__(self, physical_id: str, values: dict[str, str]) -> None:
        self.physical_id = physical_id
        self.values = values

    @property
    def physical_resource_id(self) -> str:
        return self.physical_id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in cls.attributes

    def get_cfn_attribute(self, attribute_name: str) -> str:
        if attribute_name in self.values:
            return self.values[attribute_name]
        raise UnformattedGetAttTemplateException()

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str
    ) -> Any:
        cls.delete_from_cloudformation_json(original_resource.physical_id, cloudformation_json, account_id, region_name)
        return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str
    ) -> None:
        if cls.store:
            getattr(_backend(account_id, region_name), cls.store).pop(resource_name, None)

    def is_created(self) -> bool:
        return True


class Distribution(_Resource, CloudFormationModel):
    store = "distributions"
    attributes = {"DomainName": "", "Id": ""}

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::CloudFront::Distribution"

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
    ) -> "Distribution":
        config = cloudformation_json["Properties"]["DistributionConfig"]
        backend = _backend(account_id, region_name)
        dist, _, _ = backend.create_distribution(_distribution_config(config, f"{resource_name}-{random.get_random_hex(8)}"), [])
        return cls(dist.distribution_id, {"DomainName": dist.domain_name, "Id": dist.distribution_id})



class OriginAccessControl(_Resource, CloudFormationModel):
    store = "origin_access_controls"
    attributes = {"Id": ""}

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::CloudFront::OriginAccessControl"

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
    ) -> "OriginAccessControl":
        config = cloudformation_json["Properties"]["OriginAccessControlConfig"]
        control = _backend(account_id, region_name).create_origin_access_control(config)
        return cls(control.id, {"Id": control.id})



class PublicKey(_Resource, CloudFormationModel):
    store = "public_keys"
    attributes = {"Id": "", "CreatedTime": ""}

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::CloudFront::PublicKey"

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
    ) -> "PublicKey":
        config = cloudformation_json["Properties"]["PublicKeyConfig"]
        key = _backend(account_id, region_name).create_public_key(
            caller_ref=config["CallerReference"], name=config["Name"], encoded_key=config["EncodedKey"]
        )
        return cls(key.id, {"Id": key.id, "CreatedTime": str(key.created_time)})



class KeyGroup(_Resource, CloudFormationModel):
    store = "key_groups"
    attributes = {"Id": ""}

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::CloudFront::KeyGroup"

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
    ) -> "KeyGroup":
        config = cloudformation_json["Properties"]["KeyGroupConfig"]
        group = _backend(account_id, region_name).create_key_group(name=config["Name"], items=list(config.get("Items", [])))
        return cls(group.id, {"Id": group.id})



class Function(_Resource, CloudFormationModel):
    store = "functions"
    attributes = {"FunctionARN": "", "FunctionMetadata.FunctionARN": "", "Stage": ""}

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::CloudFront::Function"

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
    ) -> "Function":
        props = cloudformation_json["Properties"]
        function = _backend(account_id, region_name).create_function(
            props["Name"], props["FunctionConfig"], props["FunctionCode"].encode("utf-8"), []
        )
        stage = "LIVE" if props.get("AutoPublish") else "DEVELOPMENT"
        return cls(
            function.name,
            {"FunctionARN": function.arn, "FunctionMetadata.FunctionARN": function.arn, "Stage": stage},
        )



class _PolicyWithoutApi(_Resource):  # a mixin too
    """No moto API: the id CloudFormation returns, and nothing else."""

    attributes = {"Id": "", "LastModifiedTime": ""}

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
    ) -> Any:
        policy_id = str(random.uuid4())
        return cls(policy_id, {"Id": policy_id, "LastModifiedTime": ""})


class CachePolicy(_PolicyWithoutApi, CloudFormationModel):
    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::CloudFront::CachePolicy"


class ResponseHeadersPolicy(_PolicyWithoutApi, CloudFormationModel):
    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::CloudFront::ResponseHeadersPolicy"
