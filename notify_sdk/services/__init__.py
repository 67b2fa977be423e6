"""The services: one folder per NHN Cloud product (SMS, KakaoTalk, Brand Message).

Each service folder holds the endpoint builders of its product, one module per
resource, its models and its client method mixins. A service imports only
``notify_sdk._core`` (and the public model modules); never httpx, never
another service except the KakaoTalk common plumbing Brand Message shares.
"""
