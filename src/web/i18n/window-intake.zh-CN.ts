/** Simplified Chinese strings of the workbench's window intake (窗口收件). */
export const windowIntakeZhCN = {
  windowIntake: {
    title: '窗口收件',
    intro: '为到窗口办事的群众代录申请：先找到要办的事项，再录入申请人身份证号、姓名和手机号，扫描上传材料后提交；即办件提交后可当场办结。',
    search: '查找事项',
    placeholder: '输入事项名称或日常说法，如“开公司”“身份证”',
    find: '查找',
    none: '没有找到匹配的事项',
    fileFor: '为申请人代录',
    immediate: '即办件',
  },
};
