"""Checks for the identifiers an organization carries."""

from django.core.exceptions import ValidationError

from stdnum import exceptions as stdnum_errors
from stdnum.cn import uscc


def normalize_credit_code(value: str) -> str:
    """Upper-case and drop spaces and hyphens, as people type codes copied from certificates."""
    return uscc.compact(value or "")


def validate_credit_code(value: str) -> None:
    """统一社会信用代码: 18 characters, GB 32100-2015 check character."""
    code = normalize_credit_code(value)
    try:
        uscc.validate(code)
    except stdnum_errors.InvalidLength as error:
        raise ValidationError(
            "统一社会信用代码应为18位（当前为%(length)d位）。",
            code="credit_code_length",
            params={"length": len(code)},
        ) from error
    except stdnum_errors.InvalidFormat as error:
        raise ValidationError(
            "统一社会信用代码格式不正确：前8位应为数字，其余为数字或大写字母（不含I、O、Z、S、V）。",
            code="credit_code_format",
        ) from error
    except stdnum_errors.InvalidChecksum as error:
        raise ValidationError(
            "统一社会信用代码校验位不正确，请核对证书上的代码（第18位应为“%(check)s”才能通过校验）。",
            code="credit_code_checksum",
            params={"check": uscc.calc_check_digit(code[:17])},
        ) from error


def make_credit_code(serial: int, district_code: str = "420106") -> str:
    """A valid code for a social organization (5 = civil affairs, 2 = 民办非企业单位), for
    generated and test data."""
    body = f"52{district_code}MJ{serial:07d}"
    return body + uscc.calc_check_digit(body)
