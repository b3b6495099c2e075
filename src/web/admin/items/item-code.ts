/** 实施编码: 18-character credit code + 行使层级 (1–7) + 12-character basic code. */
export const IMPLEMENTATION_CODE = /^[0-9A-HJ-NPQRTUWXY]{18}[1-7][0-9A-Z]{12}$/;
