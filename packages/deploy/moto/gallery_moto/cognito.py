"""CloudFormation handlers for AWS::Cognito::UserPool and AWS::Cognito::UserPoolClient on moto.

moto 5.2.5 emulates Cognito (cognito-idp) but its CloudFormation skips these two types, and then
fails every stack that reads an attribute of the pool (`Fn::GetAtt UserPool.Arn`). These handlers do
what CloudFormation does: they call the Cognito API (CreateUserPool, CreateUserPoolClient, their
Update and Delete) of moto's own Cognito backend with the resource's properties, which carry the
same names as that API's parameters. moto's CloudFormation finds resource handlers as the
subclasses of CloudFormationModel, so importing this module before the server starts is enough.
(moto files models by the second part of their module name: this module must live in a package.)
"""

from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.cognitoidp.models import cognitoidp_backends
from moto.core.common_models import CloudFormationModel


def _pool_config(properties: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    config = dict(properties)
    # CloudFormation's UserPoolName and UserPoolTags are CreateUserPool's PoolName and UserPoolTags.
    name = config.pop("UserPoolName", None)
    return name, config


class UserPool(CloudFormationModel):
    def __init__(self, pool: Any) -> None:
        self.pool = pool

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::Cognito::UserPool"

    @staticmethod
    def cloudformation_name_type() -> str:
        return "UserPoolName"

    @property
    def physical_resource_id(self) -> str:
        return self.pool.id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ("Arn", "ProviderName", "ProviderURL", "UserPoolId")

    def get_cfn_attribute(self, attribute_name: str) -> str:
        region = self.pool.region
        if attribute_name == "Arn":
            return self.pool.arn
        if attribute_name == "UserPoolId":
            return self.pool.id
        if attribute_name == "ProviderName":
            return f"cognito-idp.{region}.amazonaws.com/{self.pool.id}"
        if attribute_name == "ProviderURL":
            return f"https://cognito-idp.{region}.amazonaws.com/{self.pool.id}"
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
    ) -> "UserPool":
        name, config = _pool_config(cloudformation_json.get("Properties", {}))
        backend = cognitoidp_backends[account_id][region_name]
        return cls(backend.create_user_pool(name or resource_name, config))

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str
    ) -> "UserPool":
        _, config = _pool_config(cloudformation_json.get("Properties", {}))
        config.pop("Schema", None)  # UpdateUserPool cannot change the schema
        backend = cognitoidp_backends[account_id][region_name]
        backend.update_user_pool(original_resource.pool.id, config)
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str
    ) -> None:
        cognitoidp_backends[account_id][region_name].delete_user_pool(resource_name)

    def is_created(self) -> bool:
        return True


class UserPoolClient(CloudFormationModel):
    def __init__(self, client: Any) -> None:
        self.client = client

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::Cognito::UserPoolClient"

    @staticmethod
    def cloudformation_name_type() -> str:
        return "ClientName"

    @property
    def physical_resource_id(self) -> str:
        return self.client.id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ("ClientId", "ClientSecret", "Name")

    def get_cfn_attribute(self, attribute_name: str) -> str:
        if attribute_name == "ClientId":
            return self.client.id
        if attribute_name == "ClientSecret":
            return self.client.secret
        if attribute_name == "Name":
            return self.client.extended_config.get("ClientName")
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
    ) -> "UserPoolClient":
        config = dict(cloudformation_json.get("Properties", {}))
        pool_id = config.pop("UserPoolId")
        generate_secret = bool(config.pop("GenerateSecret", False))
        backend = cognitoidp_backends[account_id][region_name]
        return cls(backend.create_user_pool_client(pool_id, generate_secret, config))

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str
    ) -> "UserPoolClient":
        config = dict(cloudformation_json.get("Properties", {}))
        pool_id = config.pop("UserPoolId")
        config.pop("GenerateSecret", None)
        backend = cognitoidp_backends[account_id][region_name]
        backend.update_user_pool_client(pool_id, original_resource.client.id, config)
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str
    ) -> None:
        pool_id = cloudformation_json["Properties"]["UserPoolId"]
        cognitoidp_backends[account_id][region_name].delete_user_pool_client(pool_id, resource_name)

    def is_created(self) -> bool:
        return True
