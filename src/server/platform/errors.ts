/**
 * The one error catalog. Every error the API returns has a stable code from here,
 * an HTTP status and a message in zh-CN and en. The web client maps the same codes.
 */
export const errorCatalog = {
  /** The request body, query or params failed schema validation; details.fields names them. */
  VALIDATION_FAILED: { status: 400, zh: '提交的内容不符合要求，请检查标出的字段', en: 'The request is invalid; check the fields listed' },
  /** A field not in the schema was sent; it is never stored silently. */
  UNKNOWN_FIELD: { status: 400, zh: '请求包含未知字段', en: 'The request contains unknown fields' },
  /** The body is not JSON, or the content type is not supported. */
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    zh: '不支持的内容类型，请使用 application/json',
    en: 'Unsupported content type; use application/json',
  },
  /** The body could not be parsed. */
  MALFORMED_BODY: { status: 400, zh: '请求内容格式错误', en: 'The request body is malformed' },
  /** The body is larger than the limit. */
  BODY_TOO_LARGE: { status: 413, zh: '提交的内容过大', en: 'The request body is too large' },
  /** A NUL character (U+0000) in the path, query, a header, a JSON string or a multipart name, value or filename; details.where names it. PostgreSQL cannot store it in text. */
  NUL_CHARACTER: { status: 400, zh: '请求中含有不允许的空字符（NUL）', en: 'The request contains a NUL character, which is not allowed' },
  /** Bytes that are not UTF-8 (or a U+FFFD replacement character in multipart text); details.where names the part. */
  ENCODING_INVALID: { status: 400, zh: '请求内容不是有效的 UTF-8 编码', en: 'The request is not valid UTF-8' },
  /** A 身份证号 fails GB 11643 (format, date, region or check digit). */
  ID_NUMBER_INVALID: { status: 400, zh: '身份证号码不正确', en: 'The ID card number is not valid' },
  /** A 统一社会信用代码 fails GB 32100. */
  CREDIT_CODE_INVALID: { status: 400, zh: '统一社会信用代码不正确', en: 'The unified social credit code is not valid' },
  /** A mobile number is not an 11-digit mainland number. */
  PHONE_INVALID: { status: 400, zh: '手机号码不正确', en: 'The mobile phone number is not valid' },
  /** A region code does not exist. */
  REGION_NOT_FOUND: { status: 404, zh: '行政区划不存在', en: 'The region does not exist' },
  /** No session or token, or it expired. */
  AUTH_REQUIRED: { status: 401, zh: '请先登录', en: 'Please log in' },
  /** Unknown user or wrong password: the same answer for both. */
  AUTH_INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  /** The password was right and a TOTP code is required (or was wrong). */
  AUTH_TOTP_REQUIRED: { status: 401, zh: '请输入动态验证码', en: 'Enter the one-time code from your authenticator' },
  /** Too many failed logins: the username is locked for a while. */
  AUTH_LOCKED: {
    status: 423,
    zh: '登录失败次数过多，账号已临时锁定，请稍后再试',
    en: 'Too many failed logins; the account is locked for a while',
  },
  /** The account is disabled. */
  ACCOUNT_DISABLED: { status: 403, zh: '账号已停用', en: 'The account is disabled' },
  /** A cookie-authenticated change came without the CSRF token. */
  CSRF_INVALID: { status: 403, zh: '页面已过期，请刷新后重试', en: 'The page has expired; reload and try again' },
  /** The actor may not do this. */
  FORBIDDEN: { status: 403, zh: '没有权限执行此操作', en: 'You are not allowed to do this' },
  /** Too many requests. */
  RATE_LIMITED: { status: 429, zh: '操作过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  /** Generic: the resource does not exist or is not visible to the actor. */
  NOT_FOUND: { status: 404, zh: '内容不存在', en: 'Not found' },
  /** A person record does not exist or is not the actor's. */
  PERSON_NOT_FOUND: { status: 404, zh: '个人信息不存在', en: 'The person does not exist' },
  /** A clerk or agent named an applicant whose name does not match the name on record for that ID number (never replaced silently). */
  APPLICANT_NAME_MISMATCH: {
    status: 400,
    zh: '申请人姓名与该身份证号码登记的姓名不一致，请核对身份证件',
    en: 'The applicant’s name does not match the name on record for this ID number; check the ID card',
  },
  /** A department does not exist or is outside the actor's scope. */
  DEPARTMENT_NOT_FOUND: { status: 404, zh: '部门不存在', en: 'The department does not exist' },
  /** A hall does not exist. */
  HALL_NOT_FOUND: { status: 404, zh: '服务大厅不存在', en: 'The service hall does not exist' },
  /** A staff account does not exist or is outside the actor's scope. */
  STAFF_NOT_FOUND: { status: 404, zh: '工作人员不存在', en: 'The staff member does not exist' },
  /** An organization does not exist or the actor is not authorised for it. */
  ORGANIZATION_NOT_FOUND: { status: 404, zh: '单位不存在', en: 'The organization does not exist' },
  /** The username is in use. */
  USERNAME_TAKEN: { status: 409, zh: '用户名已被使用', en: 'The username is already taken' },
  /** The ID number is already registered to another account. */
  PERSON_ALREADY_REGISTERED: { status: 409, zh: '该身份证号已注册', en: 'This ID number is already registered' },
  /** The credit code is already registered. */
  CREDIT_CODE_TAKEN: { status: 409, zh: '该统一社会信用代码已登记', en: 'This credit code is already registered' },
  /** The password does not meet the policy. */
  PASSWORD_TOO_WEAK: {
    status: 400,
    zh: '密码至少 10 位，不能包含用户名，也不能是常见或容易猜到的密码',
    en: 'Passwords need at least 10 characters, must not contain the username, and must not be common or easy to guess',
  },
  /** The SMS code is wrong, expired or used. */
  SMS_CODE_INVALID: { status: 400, zh: '短信验证码错误或已过期', en: 'The SMS code is wrong or has expired' },
  /** Optimistic concurrency: the version sent is not the current one. */
  VERSION_CONFLICT: {
    status: 409,
    zh: '数据已被他人修改，请刷新后重试',
    en: 'The record was changed by someone else; reload and try again',
  },
  /** The version is required for this change (If-Match header or body field). */
  VERSION_REQUIRED: { status: 428, zh: '请提供数据版本号', en: 'Send the record version (If-Match or body.version)' },
  /** An Idempotency-Key was reused with a different request. */
  IDEMPOTENCY_KEY_MISMATCH: { status: 422, zh: '幂等键已用于不同的请求', en: 'The Idempotency-Key was used for a different request' },
  /** The Idempotency-Key is malformed. */
  IDEMPOTENCY_KEY_INVALID: { status: 400, zh: '幂等键格式不正确', en: 'The Idempotency-Key header is malformed' },
  /** A request with the same Idempotency-Key is still running. */
  IDEMPOTENCY_KEY_IN_USE: { status: 409, zh: '相同的请求正在处理中', en: 'A request with this Idempotency-Key is in progress' },
  /** A list's `after` cursor is garbled, forged, or was issued for another list or account. */
  CURSOR_INVALID: {
    status: 400,
    zh: '翻页位置无效，请从第一页重新加载列表',
    en: 'The page cursor is not valid; reload the list from its first page',
  },
  /** A role name is not known, or cannot be combined. */
  ROLE_INVALID: { status: 400, zh: '角色不正确', en: 'The role is not valid' },
  /** A service item does not exist (or has no published guide, for the public). */
  ITEM_NOT_FOUND: { status: 404, zh: '事项不存在或未发布', en: 'The service item does not exist or is not published' },
  /** A version of an item does not exist. */
  ITEM_VERSION_NOT_FOUND: { status: 404, zh: '事项版本不存在', en: 'That version of the item does not exist' },
  /** An item with this implementation code exists. */
  ITEM_CODE_TAKEN: { status: 409, zh: '该实施编码已存在', en: 'An item with this implementation code exists' },
  /** The item's version is not in a state that allows this step (e.g. publishing a draft not submitted). */
  ITEM_STATE_INVALID: { status: 409, zh: '事项当前状态不允许此操作', en: 'The item is not in a state that allows this' },
  /** The guide is inconsistent (unknown material keys, promised limit longer than the legal one…); details.problems lists them. */
  GUIDE_INVALID: { status: 400, zh: '办事指南存在错误，请按提示修改', en: 'The guide has errors; see the list' },
  /** Required guide elements are missing; details.missing lists every one. */
  GUIDE_INCOMPLETE: {
    status: 400,
    zh: '办事指南要素不完整，不能提交或发布',
    en: 'Required guide elements are missing; it cannot be submitted or published',
  },
  /** An import file has invalid rows; nothing was imported. details.errors lists sheet, row, column and reason. */
  IMPORT_INVALID: { status: 422, zh: '导入文件有错误，未导入任何数据', en: 'The import file has errors; nothing was imported' },
  /** A case does not exist or is not visible to the actor (another applicant's, another department's). */
  CASE_NOT_FOUND: { status: 404, zh: '办件不存在', en: 'The case does not exist' },
  /** A case number (办件编号) that cannot be one: digits only, a region prefix, the day and a five-digit counter. */
  CASE_NUMBER_INVALID: { status: 400, zh: '办件编号格式不正确', en: 'The case number is not in a valid format' },
  /**
   * The public progress lookup found no case with this number whose applicant has this ID number. The same answer for
   * a wrong number and a wrong ID number, so the lookup cannot tell which one exists.
   */
  CASE_PROGRESS_NOT_FOUND: {
    status: 404,
    zh: '未查询到办件，请核对办件编号和身份证号码',
    en: 'No case matches this case number and ID card number; check both',
  },
  /** The action is not allowed in the case's current state; details name the action, the state and the states it needs. */
  CASE_STATE_INVALID: { status: 409, zh: '办件当前状态不允许此操作', en: 'The case is not in a state that allows this action' },
  /** The current step belongs to another role (e.g. a reviewer trying to decide); details name the step and role. */
  CASE_ROLE_REQUIRED: { status: 403, zh: '当前环节须由相应岗位人员办理', en: 'The current step must be handled by its assigned role' },
  /** The same person may not both review and decide a case. */
  CASE_SAME_REVIEWER: { status: 403, zh: '审查人与决定人不能为同一人', en: 'The reviewer of a case may not also decide it' },
  /** Required materials of the chosen situation are missing; details.missing lists every one. */
  CASE_MATERIALS_MISSING: { status: 400, zh: '申请材料不齐全，请补充列出的材料', en: 'Required materials are missing; see the list' },
  /** The application form has errors; details.errors names each field. */
  CASE_FORM_INVALID: { status: 400, zh: '申请表填写有误，请按提示修改', en: 'The application form has errors; see the fields listed' },
  /** The situation (办理情形) is not one of the item's. */
  CASE_SITUATION_UNKNOWN: { status: 400, zh: '办理情形不存在', en: 'The situation is not one of this item' },
  /** A material does not fit its requirement (unknown requirement, file type or size not allowed); details say which. */
  CASE_MATERIAL_NOT_ACCEPTED: {
    status: 400,
    zh: '材料不符合该项要求（类型或大小）',
    en: 'A material does not meet its requirement (type or size)',
  },
  /** A material does not exist or is not the actor's. */
  MATERIAL_NOT_FOUND: { status: 404, zh: '材料不存在', en: 'The material does not exist' },
  /** A 容缺 material has not been supplied yet: the decision waits for it. */
  /** 会签: the actor's department has no open countersign request on this case (already signed, or not asked). */
  CASE_COUNTERSIGN_NOT_PENDING: {
    status: 409,
    zh: '本部门没有待提出的会签意见（已会签或未被请求会签）',
    en: 'Your department has no countersign opinion to give on this case (already given, or not asked)',
  },
  /** The decision waits for the 会签 opinions still open. */
  CASE_COUNTERSIGN_PENDING: {
    status: 409,
    zh: '会签意见尚未全部提出，暂不能作出决定',
    en: 'Countersign opinions are still open; the decision must wait',
  },
  /** A department the item's 会签 step names does not exist (any more) in the item's region: the catalog must be corrected. */
  CASE_COUNTERSIGN_DEPARTMENT_UNKNOWN: {
    status: 409,
    zh: '事项会签环节指定的部门不存在，请联系事项管理员更正办事指南',
    en: 'A department named by the item’s countersign step does not exist; the guide must be corrected',
  },
  CASE_COMMITMENT_PENDING: {
    status: 409,
    zh: '容缺材料尚未补齐，暂不能作出决定',
    en: 'A deferred material has not been supplied yet; the decision must wait',
  },
  /** A material that the item does not mark as 容缺-allowed cannot be deferred; details.keys lists them. */
  CASE_NOT_DEFERRABLE: { status: 400, zh: '该材料不允许容缺受理', en: 'These materials may not be deferred' },
  /** A 告知承诺 condition is not one the item allows. */
  CASE_CONDITION_UNKNOWN: {
    status: 400,
    zh: '该事项不允许以承诺代替此项证明',
    en: 'The item does not allow a commitment for this condition',
  },
  /** An extension was already granted, none is pending, or the requester tried to approve their own request. */
  CASE_EXTENSION_INVALID: {
    status: 409,
    zh: '延期申请不符合规定（只能延期一次，且须由他人批准）',
    en: 'The extension is not allowed (once only, approved by someone else)',
  },
  /** Only 即办件 can be completed on the spot. */
  CASE_NOT_IMMEDIATE: { status: 409, zh: '该事项不是即办件，不能当场办结', en: 'Only immediate items can be completed on the spot' },
  /** The account already has as many open drafts as allowed (DRAFT_LIMIT); details.limit; submitting one makes room. */
  CASE_DRAFT_LIMIT: {
    status: 409,
    zh: '未提交的草稿已达上限，请先提交已有的草稿',
    en: 'You have reached the limit of open drafts; submit one of them first',
  },
  /** Filing at a window or as an agent needs the applicant's identity. */
  CASE_APPLICANT_REQUIRED: { status: 400, zh: '请填写申请人身份信息', en: 'Enter the applicant’s identity' },
  /** An agent applies only with a recorded mandate (委托书). */
  CASE_MANDATE_REQUIRED: { status: 400, zh: '代办须上传委托书', en: 'Applying as an agent needs the mandate document' },
  /** The one-time notice lists nothing, or a material that the case does not require. */
  CASE_NOTICE_INVALID: { status: 400, zh: '一次性告知内容不正确', en: 'The one-time notice is not valid' },
  /** The staff member to transfer to does not exist, is outside the department, or lacks the step's role. */
  CASE_ASSIGNEE_INVALID: { status: 400, zh: '接收人不符合要求', en: 'The assignee cannot take this case' },
  /** The document is not available for the case in its current state. */
  CASE_DOCUMENT_NOT_AVAILABLE: { status: 404, zh: '该文书尚未生成', en: 'The document is not available yet' },
  // ── windows and bundles (一窗受理, 统一出件, 一件事一次办): modules/org windows, modules/bundles ──
  /** A window does not exist (or is not in the actor's hall). */
  WINDOW_NOT_FOUND: { status: 404, zh: '窗口不存在', en: 'The window does not exist' },
  /** The clerk's window does not accept this item (综合窗口 scope, or a peak window that is closed or not opened for it); details name the window and the item. */
  WINDOW_NOT_ACCEPTED: {
    status: 403,
    zh: '本窗口不受理该事项，请引导申请人到相应窗口',
    en: 'Your window does not accept this item; direct the applicant to the right window',
  },
  /** Handing results over needs a clerk at a pickup window (统一出件窗口) of the hall. */
  WINDOW_NOT_PICKUP: { status: 403, zh: '只有统一出件窗口可以办理出件', en: 'Results are handed over only at a pickup window' },
  /** A window configuration names a department or item outside the hall's region, or is inconsistent; details list the problems. */
  WINDOW_CONFIG_INVALID: { status: 400, zh: '窗口配置不正确', en: 'The window configuration is not valid' },
  /** The staff member to seat at a window is not a clerk of the hall's region. */
  WINDOW_CLERK_INVALID: { status: 400, zh: '该人员不能安排到此窗口', en: 'This staff member cannot be seated at this window' },
  // ── the service hall (网上预约, 排队叫号): modules/hall ──
  /** A hall's booking or queue configuration is inconsistent (unknown item or window, overlapping slots…); details.problems lists them. */
  HALL_CONFIG_INVALID: { status: 400, zh: '大厅预约或排队配置不正确', en: 'The hall’s booking or queue configuration is not valid' },
  /** A business type (业务类型) does not exist in this hall. */
  HALL_BUSINESS_TYPE_NOT_FOUND: { status: 404, zh: '业务类型不存在', en: 'The business type does not exist' },
  /** The item cannot be booked online at this hall (not marked 可网上预约, or no business type of the hall serves it). */
  HALL_ITEM_NOT_BOOKABLE: { status: 400, zh: '该事项在本大厅不提供网上预约', en: 'This item cannot be booked at this hall' },
  /** No bookable slot starts at that time on that day (not in the weekly template). */
  HALL_SLOT_NOT_FOUND: { status: 404, zh: '该时段不可预约', en: 'There is no bookable slot at that time' },
  /** The slot has already begun or lies in the past. */
  HALL_SLOT_PAST: { status: 400, zh: '不能预约已经开始或已过去的时段', en: 'A slot that has begun or passed cannot be booked' },
  /** The day is further ahead than the hall opens bookings for; details.lastDate. */
  HALL_SLOT_TOO_FAR: { status: 400, zh: '超出可预约的日期范围', en: 'That day is beyond the booking window' },
  /** The hall does not open that day (a holiday or weekend of the working-day calendar, or a closure); details.reason. */
  HALL_DAY_CLOSED: { status: 400, zh: '该日大厅不办公（节假日或闭厅），不能预约', en: 'The hall is closed that day (holiday or closure)' },
  /** Every place of the slot is taken. */
  HALL_SLOT_FULL: { status: 409, zh: '该时段已约满，请选择其他时段', en: 'This slot is fully booked; choose another' },
  /** The person already has a booking at this hall on that day (one per person, hall and day). */
  HALL_APPOINTMENT_SAME_DAY: {
    status: 409,
    zh: '您当天在本大厅已有预约，每人每天限约一次',
    en: 'You already have a booking at this hall that day; one per day',
  },
  /** Booking is suspended after repeated no-shows; details: noShows, periodDays, until (the first day booking is open again). */
  HALL_BOOKING_SUSPENDED: {
    status: 403,
    zh: '因多次预约后未到场，网上预约已暂停，请于暂停期满后再预约',
    en: 'Online booking is suspended after repeated no-shows; book again after the suspension ends',
  },
  /** An appointment does not exist or is not the actor's. */
  HALL_APPOINTMENT_NOT_FOUND: { status: 404, zh: '预约不存在', en: 'The appointment does not exist' },
  /** The appointment is not in a state that allows this (already cancelled, checked in…); details.status. */
  HALL_APPOINTMENT_STATE_INVALID: { status: 409, zh: '预约当前状态不允许此操作', en: 'The appointment is not in a state that allows this' },
  /** The hold ran out before it was confirmed; the place was released. */
  HALL_HOLD_EXPIRED: { status: 409, zh: '预约保留时间已过，请重新预约', en: 'The hold has expired; book again' },
  /** Cancelling or rescheduling closer to the slot than the hall allows; details.hours. */
  HALL_CANCEL_TOO_LATE: {
    status: 409,
    zh: '距预约时间太近，已不能取消或改约',
    en: 'It is too close to the appointment to cancel or reschedule',
  },
  /** Checking in an appointment of another day, or a no-show recorded before the slot ended. */
  HALL_APPOINTMENT_NOT_DUE: { status: 409, zh: '不在预约当日或时段未结束', en: 'Not the appointment’s day, or its slot has not ended' },
  /** A queue ticket does not exist or is not visible to the actor. */
  HALL_TICKET_NOT_FOUND: { status: 404, zh: '排队号不存在', en: 'The queue ticket does not exist' },
  /** The ticket is not in a state that allows this (already called, finished, void…); details.status. */
  HALL_TICKET_STATE_INVALID: { status: 409, zh: '排队号当前状态不允许此操作', en: 'The ticket is not in a state that allows this' },
  /** The window does not serve this ticket's business type (or the clerk is not seated at this window). */
  HALL_WINDOW_NOT_SERVING: { status: 403, zh: '本窗口不办理该业务类型', en: 'This window does not serve this business type' },
  /** The window is closed or paused: it cannot call, nor take a transfer. */
  HALL_WINDOW_CLOSED: { status: 409, zh: '窗口已关闭或暂停', en: 'The window is closed or paused' },
  /** The window still has a called ticket that is neither started nor skipped. */
  HALL_WINDOW_BUSY: {
    status: 409,
    zh: '请先处理当前叫到的号（开始办理、重呼或过号）',
    en: 'Handle the called ticket first (start, recall or skip)',
  },
  /** The case opened from a ticket is for another person than the one who took the ticket. */
  HALL_TICKET_CASE_MISMATCH: {
    status: 409,
    zh: '办件申请人与排队号取号人不一致',
    en: 'The case’s applicant is not the person who took the ticket',
  },
  /** The ticket has been recalled as often as the hall allows: skip it. */
  HALL_RECALL_LIMIT: { status: 409, zh: '已达重呼次数上限，请作过号处理', en: 'The recall limit is reached; skip the ticket' },
  /** A bundle (一件事) does not exist or is not published. */
  BUNDLE_NOT_FOUND: { status: 404, zh: '“一件事”不存在', en: 'The bundle does not exist' },
  /** A bundle case does not exist or is not visible to the actor. */
  BUNDLE_CASE_NOT_FOUND: { status: 404, zh: '“一件事”办件不存在', en: 'The bundle case does not exist' },
  /** An answer names a question or option the questionnaire does not have; details list them. */
  BUNDLE_ANSWER_INVALID: { status: 400, zh: '问卷答案不正确', en: 'An answer does not match the questionnaire' },
  /** The answers select no item: nothing to apply for. */
  BUNDLE_NO_ITEM_SELECTED: { status: 400, zh: '根据您的回答，没有需要办理的事项', en: 'Your answers select no item to apply for' },
  /** The merged form misses a field an item requires, or a value is wrong; details.errors name the field and the items. */
  BUNDLE_FORM_INVALID: { status: 400, zh: '合并申请表填写有误，请按提示修改', en: 'The merged form has errors; see the fields listed' },
  /** A material of the merged set is missing; details.missing name it and the items needing it. */
  BUNDLE_MATERIALS_MISSING: { status: 400, zh: '材料不齐全，请补充列出的材料', en: 'Required materials are missing; see the list' },
  /** A material key is not part of the merged set for the selected items; details.keys list them. */
  BUNDLE_MATERIAL_UNKNOWN: { status: 400, zh: '提交了本次“一件事”不需要的材料', en: 'A material is not part of this bundle application' },
  /** No sub-case awaits a supplement, or the supplement misses or adds materials; details explain. */
  BUNDLE_SUPPLEMENT_INVALID: { status: 409, zh: '补正内容与一次性告知不符', en: 'The supplement does not match the one-time notices' },
  /** The result package is not ready: sub-cases are still being handled, or it was already handed over. */
  BUNDLE_NOT_READY: { status: 409, zh: '“一件事”尚未全部办结或已出件', en: 'The bundle is not complete yet, or was already handed over' },
  /** A department acts on another department's sub-case of a bundle it takes part in; details name the owner. */
  BUNDLE_SUBCASE_NOT_OWNED: {
    status: 403,
    zh: '该子办件由其他部门办理，本部门不能操作',
    en: 'This sub-case belongs to another department',
  },
  /** A license does not exist or is not the actor's. */
  LICENSE_NOT_FOUND: { status: 404, zh: '电子证照不存在', en: 'The license does not exist' },
  /** The license is not in a state that allows this (e.g. revoking a revoked license). */
  LICENSE_STATE_INVALID: { status: 409, zh: '证照当前状态不允许此操作', en: 'The license is not in a state that allows this' },
  /** A 亮证 code is unknown or has expired; the holder shows a new one. */
  LICENSE_PRESENTATION_EXPIRED: {
    status: 410,
    zh: '亮证码已失效，请持证人重新出示',
    en: 'This license code has expired; ask the holder to show a new one',
  },
  /** The verification code (核验码) sent with a license identifier is not the license's; the status is still answered without it. */
  LICENSE_VERIFY_CODE_INVALID: {
    status: 400,
    zh: '核验码不正确，请核对证照上印制的核验码',
    en: 'The verification code is wrong; check the code printed on the license',
  },
  /** The actor's role may not use the department's seal (issuing a license signs with it). */
  /** A seal authorisation (授权) names staff who are not window staff of the department's region, or items that are not its published 即办 items. */
  SEAL_DELEGATION_INVALID: {
    status: 400,
    zh: '印章授权不符合要求：只能授权本地区大厅窗口人员办理本部门已发布的即办事项',
    en: 'The seal authorisation is invalid: only window staff of the region, for the department’s published immediate items',
  },
  /** The seal authorisation does not exist, is not the actor's to manage, or is already revoked. */
  SEAL_DELEGATION_NOT_FOUND: { status: 404, zh: '印章授权不存在或已撤销', en: 'The seal authorisation does not exist or was revoked' },
  /** Staff on the applicant side of a case (its applicant, agent or filer) may not accept, review or decide it (利益冲突回避). */
  CASE_CONFLICT_OF_INTEREST: {
    status: 403,
    zh: '您是本办件的申请方（申请人、代理人或提交人），应当回避，不能受理、审查或决定',
    en: 'You are on the applicant’s side of this case and may not accept, review or decide it',
  },
  /** The staff member who accepted a case may not also decide it (but for a 即办 item). */
  CASE_SAME_ACCEPTOR: {
    status: 403,
    zh: '受理人不能同时作出决定（即办件除外），请由其他有权人员决定',
    en: 'Whoever accepted the case may not also decide it (except for immediate items)',
  },
  /** The mandate does not exist or is not the actor's to see. */
  MANDATE_NOT_FOUND: { status: 404, zh: '委托不存在', en: 'The mandate does not exist' },
  /** The mandate is not in force: not yet confirmed by the principal, revoked, or expired. details.status says which. */
  MANDATE_NOT_ACTIVE: {
    status: 409,
    zh: '委托尚未经委托人确认、已撤销或已过期，不能代办',
    en: 'The mandate is not in force (not confirmed by the principal, revoked or expired)',
  },
  /** The mandate does not cover this item, or names another person than the applicant. */
  MANDATE_SCOPE_EXCEEDED: { status: 403, zh: '该事项不在委托范围内', en: 'The mandate does not cover this item or applicant' },
  /** The SMS code of the mandate is wrong, expired or tried too often; or SMS confirmation is not possible for it. */
  MANDATE_CODE_INVALID: {
    status: 400,
    zh: '委托确认验证码错误、已过期或尝试次数过多',
    en: 'The mandate’s confirmation code is wrong, expired or was tried too often',
  },
  /** A mandate's request is invalid (validity in the past or beyond one year, unknown items). details.problems lists them. */
  MANDATE_INVALID: { status: 400, zh: '委托内容不符合要求', en: 'The mandate is invalid' },
  /** The item's law allows no extension of its time limit. */
  CASE_EXTENSION_NOT_ALLOWED: {
    status: 409,
    zh: '本事项依法不得延长办理时限',
    en: 'The law of this item allows no extension of its time limit',
  },
  /** A license would be sealed with fields the case does not fill (the item's form lacks them): staff are told which; nothing is sealed. */
  LICENSE_FIELD_MISSING: {
    status: 409,
    zh: '证照内容不完整，不能签章：办件缺少证照所需信息，请补正后再办结',
    en: 'The license would have empty fields; nothing was sealed. The case lacks the information the license needs',
  },
  SEAL_USE_FORBIDDEN: { status: 403, zh: '您的岗位无权使用本部门电子印章', en: 'Your role may not use the department’s electronic seal' },
  /** An upload's content does not match its name or declared type (e.g. an .exe renamed .xlsx). */
  FILE_TYPE_MISMATCH: { status: 415, zh: '文件内容与文件类型不符', en: 'The file content does not match its type' },
  /** The upload is missing, empty or larger than allowed. */
  FILE_INVALID: { status: 400, zh: '请上传一个不超过限制大小的文件', en: 'Upload one file within the size limit' },
  /** A working-calendar date is not a real 'YYYY-MM-DD' date between 2000-01-01 and 2100-12-31. */
  CALENDAR_DATE_INVALID: {
    status: 400,
    zh: '日期不正确，应为 2000-01-01 至 2100-12-31 之间的有效日期（YYYY-MM-DD）',
    en: 'The date is not valid; use a real date (YYYY-MM-DD) between 2000-01-01 and 2100-12-31',
  },
  /** No working-calendar override exists for this region and date. */
  CALENDAR_OVERRIDE_NOT_FOUND: {
    status: 404,
    zh: '该日期没有本地区的工作日历调整',
    en: 'There is no calendar override for this region and date',
  },
  /** No holiday notice has been entered for this year (its holidays are computed from the law). */
  CALENDAR_NOTICE_NOT_FOUND: {
    status: 404,
    zh: '该年度的节假日安排通知尚未录入',
    en: 'No holiday notice has been entered for this year',
  },
  /** A date of a notice line lies outside the notice's year (only the 元旦 line may begin in the previous December's last week). */
  CALENDAR_NOTICE_DATE_OUTSIDE_YEAR: {
    status: 400,
    zh: '通知中的日期不在该年度内（仅元旦可从上一年 12 月最后一周开始）',
    en: "A date of the notice is outside its year (only New Year's Day may begin in the last week of the previous December)",
  },
  /** A line's rest days end before they begin, or span more than 15 days. */
  CALENDAR_NOTICE_RANGE_INVALID: {
    status: 400,
    zh: '放假起止日期不正确：结束日期不能早于开始日期，且不超过 15 天',
    en: 'The rest days are not valid: the last day may not precede the first, and at most 15 days',
  },
  /** The notice has two lines for the same holiday. */
  CALENDAR_NOTICE_HOLIDAY_REPEATED: {
    status: 400,
    zh: '同一节日在通知中出现了两次',
    en: 'The notice has two lines for the same holiday',
  },
  /** A date appears twice in the notice (overlapping rest days, a repeated 调休 workday, or a day both off and worked). */
  CALENDAR_NOTICE_DATE_REPEATED: {
    status: 400,
    zh: '同一日期在通知中出现了两次（放假日期重叠、调休上班日重复或既放假又上班）',
    en: 'A date appears twice in the notice (overlapping rest days, a repeated make-up workday, or a day both off and worked)',
  },
  /** A 调休 workday (a day worked in exchange for a weekday off) must be a Saturday or Sunday. */
  CALENDAR_NOTICE_WORKDAY_NOT_WEEKEND: {
    status: 400,
    zh: '调休上班日应为星期六或星期日',
    en: 'A make-up workday must be a Saturday or a Sunday',
  },
  /** A statutory holiday of the year (《全国年节及纪念日放假办法》 Art. 2) is not among the notice's rest days. */
  CALENDAR_NOTICE_STATUTORY_DAY_MISSING: {
    status: 400,
    zh: '通知的放假日期未包含该年度的全部法定节假日',
    en: 'The rest days of the notice miss a statutory holiday of the year',
  },
  // ── evaluations (好差评, 整改, 申诉, 督办函): modules/evaluations ──
  /** An evaluation does not exist or is not visible to the actor. */
  EVALUATION_NOT_FOUND: { status: 404, zh: '评价不存在', en: 'The evaluation does not exist' },
  /** The case has already been rated, on any channel (one rating per case and applicant); details.channel names the channel of the rating given. */
  EVALUATION_DUPLICATE: {
    status: 409,
    zh: '该办件已评价过，每个办件只能评价一次（含网上、短信、窗口等渠道）',
    en: 'This case has already been rated; a case is rated once, whatever the channel',
  },
  /** Only a completed case (办结, 制证, 送达) can be rated; details.status names its state. */
  EVALUATION_CASE_NOT_COMPLETE: { status: 409, zh: '办件尚未办结，暂不能评价', en: 'The case is not complete yet; it cannot be rated' },
  /** A rating link or window rating code is unknown, expired or already used. */
  EVALUATION_TOKEN_INVALID: {
    status: 410,
    zh: '评价码已失效或已使用，请向窗口工作人员重新获取',
    en: 'This rating code has expired or was used; ask the window for a new one',
  },
  /** Issuing a window rating code needs a hall clerk at a window of their own hall. */
  EVALUATION_WINDOW_INVALID: {
    status: 400,
    zh: '窗口不存在或不属于您所在的服务大厅',
    en: 'The window does not exist or is not in your hall',
  },
  /** A tag is not one of the tags of the score's level; details.tags lists the unknown ones. */
  EVALUATION_TAG_INVALID: { status: 400, zh: '评价标签不正确', en: 'A rating tag is not valid for this score' },
  /** A rectification does not exist or is not visible to the actor. */
  RECTIFICATION_NOT_FOUND: { status: 404, zh: '整改记录不存在', en: 'The rectification does not exist' },
  /** The step is not allowed in the rectification's current state; details name the step, the state and the states it needs. */
  RECTIFICATION_STATE_INVALID: {
    status: 409,
    zh: '整改当前状态不允许此操作',
    en: 'The rectification is not in a state that allows this step',
  },
  /** A bad rating cannot be closed before the rater was called back (回访). */
  RECTIFICATION_CALLBACK_REQUIRED: {
    status: 409,
    zh: '尚未回访评价人，不能办结整改',
    en: 'The rater has not been called back; the rectification cannot be closed',
  },
  /** Only the responsible department's staff (steps) or the region's supervisors (sign-off) may do this. */
  RECTIFICATION_ROLE_REQUIRED: {
    status: 403,
    zh: '该环节须由责任部门或监督人员办理',
    en: 'This step belongs to the responsible department or a supervisor',
  },
  /** An appeal does not exist or is not visible to the actor. */
  APPEAL_NOT_FOUND: { status: 404, zh: '申诉不存在', en: 'The appeal does not exist' },
  /** Only staff named by the evaluation (who handled the case or the visit) may appeal it. */
  APPEAL_NOT_INVOLVED: { status: 403, zh: '只有被评价的工作人员可以申诉', en: 'Only the staff members this rating names may appeal it' },
  /** Only a bad rating (不满意, 非常不满意) can be appealed. */
  APPEAL_NOT_BAD_RATING: { status: 409, zh: '只能对差评提出申诉', en: 'Only a bad rating can be appealed' },
  /** The evaluation already has an appeal (one per evaluation). */
  APPEAL_EXISTS: { status: 409, zh: '该评价已提出过申诉', en: 'This evaluation has already been appealed' },
  /** The appeal has already been decided. */
  APPEAL_ALREADY_DECIDED: { status: 409, zh: '申诉已处理', en: 'The appeal has already been decided' },
  /** A supervision letter does not exist or is not visible to the actor. */
  LETTER_NOT_FOUND: { status: 404, zh: '督办函不存在', en: 'The supervision letter does not exist' },
  /** A letter names a case or evaluation outside the supervisor's region, or a department that is not the one responsible. */
  LETTER_SUBJECT_INVALID: {
    status: 400,
    zh: '督办对象不正确（办件或评价不存在、不在本地区，或与责任部门不符）',
    en: 'The letter’s subject is not valid (unknown, outside your region, or another department’s)',
  },
  /** The reply deadline is not a future date. */
  LETTER_DUE_INVALID: { status: 400, zh: '回复期限须晚于今天', en: 'The reply deadline must be after today' },
  /** The letter has already been replied to. */
  LETTER_ALREADY_REPLIED: { status: 409, zh: '督办函已回复', en: 'The letter has already been replied to' },
  // ── supervision (效能监察, 考核目标): modules/supervision ──
  /** The period is not valid: from after to, or longer than 3 years; details name the fields. */
  SUPERVISION_PERIOD_INVALID: {
    status: 400,
    zh: '统计期不正确（开始日期不能晚于结束日期，且不超过 3 年）',
    en: 'The period is not valid (from must not be after to; at most 3 years)',
  },
  /** The indicator key is not one of the indicators; details.indicator names it. */
  SUPERVISION_INDICATOR_UNKNOWN: { status: 400, zh: '指标不存在', en: 'The indicator does not exist' },
  /** A target value is out of range for its indicator (a rate is 0–1, a count ≥ 0). */
  SUPERVISION_TARGET_INVALID: {
    status: 400,
    zh: '考核目标值不正确（比率须在 0 到 1 之间，数量不能为负）',
    en: 'The target value is out of range (a rate is between 0 and 1, a count is not negative)',
  },
  /** A target does not exist (or is outside the actor's region). */
  SUPERVISION_TARGET_NOT_FOUND: { status: 404, zh: '考核目标不存在', en: 'The target does not exist' },
  /** Unexpected failure; logged with the request id. */
  INTERNAL: { status: 500, zh: '系统繁忙，请稍后再试', en: 'Something went wrong; try again later' },
  /** The database is not reachable or migrations have not run. */
  NOT_READY: { status: 503, zh: '系统正在启动', en: 'The service is starting' },
  // ── reports (考核通报): modules/reports ──
  /** A report period that does not start where its kind starts (a Monday, the first of a month) or is not over yet. */
  REPORT_PERIOD_INVALID: {
    status: 400,
    zh: '报告统计期不正确：周报从周一开始，月报从每月 1 日开始，且统计期须已结束',
    en: 'The report period is not valid: a weekly report starts on a Monday, a monthly one on the 1st, and the period must be over',
  },
  REPORT_NOT_FOUND: { status: 404, zh: '报告不存在', en: 'The report does not exist' },
  /** The report is still being generated (or failed; ask for it again). */
  REPORT_NOT_READY: { status: 409, zh: '报告尚未生成完毕，请稍后再下载', en: 'The report is not ready yet; download it in a moment' },
  /** Admission control: too many requests at once; nothing was done; retry after Retry-After seconds. */
  OVERLOADED: {
    status: 503,
    zh: '当前办理人数较多，请稍后重试，您的申请尚未提交',
    en: 'Too many people are being served right now; nothing was submitted, try again in a moment',
  },
  // ── identity: insiders and impostors (issue 26) ──
  /** An activation code is wrong, used, expired or ended, or the username does not match it (one answer for all). */
  ACTIVATION_INVALID: { status: 400, zh: '激活码错误、已使用或已过期', en: 'The activation code is wrong, used or expired' },
  /** The account has not been activated yet: its holder sets the password and enrols TOTP with the activation code. */
  ACCOUNT_NOT_ACTIVATED: {
    status: 403,
    zh: '账号尚未激活，请使用激活码设置密码和动态验证码',
    en: 'The account is not activated yet; use the activation code',
  },
  /** 三员分立: creating or changing a separated administrator account needs a request approved by another administrator. */
  SEPARATION_APPROVAL_REQUIRED: {
    status: 403,
    zh: '系统管理员、安全管理员、审计管理员账号的创建和变更须提交申请，由另一名管理员批准',
    en: 'Separated administrator accounts are created or changed by a request that another administrator approves',
  },
  /** The approver may not decide this request (the requester, the target, the same separated role, or the audit side is needed). */
  SEPARATION_APPROVER_INVALID: {
    status: 403,
    zh: '您不能批准此申请：须由不同职责的另一名管理员批准',
    en: 'You cannot decide this request: another administrator of a different duty must',
  },
  /** A staff request does not exist, is not in the actor's scope, or was already decided. */
  STAFF_REQUEST_NOT_FOUND: { status: 404, zh: '申请不存在或已处理', en: 'The request does not exist or was already decided' },
  /** The hall a staff account is bound to lies outside the department's region. */
  STAFF_HALL_INVALID: {
    status: 400,
    zh: '服务大厅不在该部门所在的行政区划内',
    en: "The service hall is outside the department's region",
  },
  /** The ID number has a person record (a window visit) under another name. */
  REGISTRATION_NAME_MISMATCH: {
    status: 409,
    zh: '姓名与该身份证号已有的记录不符，请携带身份证到服务大厅核实',
    en: 'The name does not match the record of this ID number; bring your ID card to a service hall',
  },
  /** Government and institution credit codes (GB 32100 registrar 1, 2, 3, A) cannot be claimed online. */
  ORGANIZATION_CLAIM_NOT_PUBLIC: {
    status: 403,
    zh: '机关、事业单位等机构编制、外交、司法行政、军队登记的单位不能在网上认领',
    en: 'Organisations registered by the establishment, foreign-affairs, justice or military authorities cannot be claimed online',
  },
  /** The enterprise identity service did not confirm the claimant as the legal representative. */
  ORGANIZATION_CLAIM_UNVERIFIED: {
    status: 422,
    zh: '电子营业执照核验未通过：您不是该企业登记的法定代表人。可改为上传营业执照和身份证由工作人员审核',
    en: 'The enterprise identity service did not confirm you as the legal representative; you may ask for a staff review instead',
  },
  /** The enterprise identity service is not configured or did not answer. */
  ORGANIZATION_IDENTITY_UNAVAILABLE: {
    status: 503,
    zh: '电子营业执照核验服务暂不可用，请稍后再试或改为人工审核',
    en: 'The enterprise identity service is unavailable; try later or ask for a staff review',
  },
  /** A staff review needs the business license and the legal representative's ID card. */
  ORGANIZATION_CLAIM_DOCUMENTS_REQUIRED: {
    status: 400,
    zh: '人工审核须上传营业执照和法定代表人身份证',
    en: "A staff review needs the business license and the legal representative's ID card",
  },
  /** The claimant already has an open claim for this credit code. */
  ORGANIZATION_CLAIM_OPEN: {
    status: 409,
    zh: '您已提交过该单位的认领申请，请等待审核',
    en: 'You already have an open claim for this organisation',
  },
  /** A claim does not exist or is not in the actor's scope. */
  ORGANIZATION_CLAIM_NOT_FOUND: { status: 404, zh: '认领申请不存在', en: 'The claim does not exist' },
  /** The claim was already decided. */
  ORGANIZATION_CLAIM_DECIDED: { status: 409, zh: '该认领申请已处理', en: 'The claim was already decided' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof errorCatalog;

/** A domain error; services throw these and the HTTP layer maps them. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  constructor(code: ErrorCode, details?: unknown, message?: string) {
    super(message ?? errorCatalog[code].en);
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return errorCatalog[this.code].status;
  }
}

export type Lang = 'zh-CN' | 'en';

/** Picks zh-CN or en from an Accept-Language header; zh-CN first. */
export function pickLang(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'zh-CN';
  const parts = acceptLanguage
    .split(',')
    .map((p) => {
      const [tag, ...params] = p.trim().split(';');
      const q = params.find((x) => x.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of parts) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

/**
 * Why one field was refused: the stable `reason` of a field problem in `details.fields[]` (schema
 * validation at the edge) and `details.errors[]` (an item's application form, a bundle's merged form),
 * with its sentence in both languages. `{minimum}`, `{maximum}`, `{length}` and `{options}` are filled
 * from the problem's params. Schemas name a reason instead of writing a message: a regex's message or a
 * refine's `params.reason` is one of these keys (src/server/platform/field-problems.ts maps zod's issues).
 */
export const fieldReasonCatalog = {
  /** Missing, or an empty text where a value is required. */
  required: { zh: '此项为必填项', en: 'This field is required' },
  notText: { zh: '应填写文字', en: 'Must be text' },
  notNumber: { zh: '应填写数字', en: 'Must be a number' },
  notWholeNumber: { zh: '应填写整数', en: 'Must be a whole number' },
  notBoolean: { zh: '应为“是”或“否”', en: 'Must be true or false' },
  notList: { zh: '应为列表', en: 'Must be a list' },
  notObject: { zh: '应为一组字段', en: 'Must be an object' },
  tooShort: { zh: '至少填写 {minimum} 个字符', en: 'Must be at least {minimum} characters' },
  tooLong: { zh: '最多填写 {maximum} 个字符', en: 'Must be at most {maximum} characters' },
  wrongLength: { zh: '应为 {length} 个字符', en: 'Must be exactly {length} characters' },
  tooFewItems: { zh: '至少需要 {minimum} 项', en: 'Needs at least {minimum} entries' },
  tooManyItems: { zh: '最多 {maximum} 项', en: 'At most {maximum} entries' },
  tooSmall: { zh: '不能小于 {minimum}', en: 'Must be at least {minimum}' },
  mustBeGreater: { zh: '必须大于 {minimum}', en: 'Must be greater than {minimum}' },
  tooBig: { zh: '不能大于 {maximum}', en: 'Must be at most {maximum}' },
  mustBeLess: { zh: '必须小于 {maximum}', en: 'Must be less than {maximum}' },
  notAnOption: { zh: '请从以下选项中选择：{options}', en: 'Choose one of: {options}' },
  invalidDate: { zh: '日期应为“年-月-日”格式，如 2026-01-31', en: 'Must be a date such as 2026-01-31' },
  invalidDateTime: { zh: '时间格式不正确', en: 'Must be a date and time (ISO 8601)' },
  invalidId: { zh: '编号格式不正确', en: 'Must be an identifier (UUID)' },
  invalidEmail: { zh: '电子邮箱格式不正确', en: 'Must be an email address' },
  /** A pattern that has no reason of its own. */
  invalidFormat: { zh: '格式不正确', en: 'The format is not valid' },
  /** Anything else a field may fail (a union, a record key, a check without a reason). */
  invalidValue: { zh: '取值不正确', en: 'The value is not valid' },
  /** A field the schema does not have; it is never stored silently. */
  unknownField: { zh: '不接受此字段', en: 'This field is not accepted' },
  /** GB 11643 (format, birth date, region or check digit). */
  idNumberInvalid: { zh: '身份证号码不正确', en: 'The ID card number is not valid' },
  /** GB 32100. */
  creditCodeInvalid: { zh: '统一社会信用代码不正确', en: 'The unified social credit code is not valid' },
  /** An 11-digit mainland mobile number. */
  phoneInvalid: { zh: '手机号码不正确', en: 'The mobile phone number is not valid' },
  /** GB/T 2260: 2, 4, 6, 9 or 12 digits (a form's region field: 6, 9 or 12). */
  regionCodeInvalid: { zh: '行政区划代码不正确', en: 'The region code is not valid' },
  /** A key of the catalog or a bundle: a lower-case letter, then letters or digits. */
  keyInvalid: { zh: '应以小写英文字母开头，只含英文字母和数字', en: 'Must start with a lower-case letter, then letters or digits' },
  /** 实施编码: credit code (18) + 行使层级 (1) + 基本编码 (12). */
  implementationCodeInvalid: { zh: '实施编码应为 31 位', en: 'Must be a 31-character implementation code' },
  /** 基本编码: 12 digits or capital letters. */
  basicCodeInvalid: { zh: '基本编码应为 12 位数字或大写字母', en: 'Must be 12 digits or capital letters' },
  usernameInvalid: { zh: '用户名为 3–64 位字母、数字或 _ . @ -', en: 'Use 3–64 letters, digits or _ . @ -' },
  /** A name as on the ID card. */
  personNameInvalid: { zh: '请填写与身份证一致的姓名', en: 'Write the name as on the ID card' },
  tagInvalid: { zh: '评价标签不正确', en: 'The rating tag is not valid' },
  ratingCodeInvalid: { zh: '评价码不正确', en: 'The rating code is not valid' },
  /** 不予许可 without its reasons. */
  denialNeedsReason: { zh: '不予许可须写明理由', en: 'A denial needs its reasons' },
  /** A bad rating needs a tag or a comment. */
  badRatingNeedsReason: { zh: '差评请选择原因或填写说明', en: 'A bad rating needs a reason: a tag or a comment' },
  /** Returning a rectification needs a reason. */
  returnNeedsReason: { zh: '退回整改须写明理由', en: 'Returning it needs a reason' },
  /** A supervision letter names exactly one case or one rating. */
  letterNeedsOneTarget: { zh: '须且只能指定一个办件或一条评价', en: 'Name exactly one case or one rating' },
  windowNumberTaken: { zh: '该大厅已有此窗口号', en: 'This hall already has a window with this number' },
  versionNumberExpected: { zh: '应为版本号', en: 'Must be a version number' },
  versionsMustDiffer: { zh: '请选择两个不同的版本', en: 'Choose two different versions' },
  weekStartsOnMonday: { zh: '周报应从星期一开始', en: 'A weekly report starts on a Monday' },
  monthStartsOnFirst: { zh: '月报应从当月 1 日开始', en: 'A monthly report starts on the first of a month' },
  periodNotOver: { zh: '该时段尚未结束', en: 'The period is not over yet' },
  yearRangeInvalid: { zh: '起止年份须从小到大，且不超过 30 年', en: 'From must not be after to, and the range at most 30 years' },
  rejectionNeedsReason: { zh: '驳回须写明理由', en: 'A rejection needs a reason' },
  notSeparatedRole: { zh: '这不是三员角色的变更，请直接办理', en: 'This is not a change of a separated admin role; make it directly' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type FieldReason = keyof typeof fieldReasonCatalog;

/** True for a key of the field-reason catalog. */
export function isFieldReason(value: unknown): value is FieldReason {
  return typeof value === 'string' && Object.hasOwn(fieldReasonCatalog, value);
}

/** Values filled into a reason's sentence. */
export type FieldParams = { minimum?: number; maximum?: number; length?: number; options?: readonly (string | number)[] };

/**
 * A field refused, as services and the edge hook report it: the field's path, the reason and its params.
 * The answer carries `reason` and `message` (in the request's language), plus any other property given
 * (`keys` of unknown fields, `items` of a bundle's form); `params` stays on the server.
 */
export type FieldProblem = { field: string; reason: FieldReason; params?: FieldParams; [extra: string]: unknown };

/** The sentence of a field reason in a language, its params filled in. */
export function fieldMessage(reason: FieldReason, lang: Lang, params: FieldParams = {}): string {
  const template: string = fieldReasonCatalog[reason][lang === 'en' ? 'en' : 'zh'];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = (params as Record<string, unknown>)[name];
    if (Array.isArray(value)) return value.join(lang === 'en' ? ', ' : '、');
    return value === undefined ? whole : String(value);
  });
}

/** Field problems (`details.fields[]`, `details.errors[]`) with their message in the language; other details as they are. */
function localizeDetails(details: unknown, lang: Lang): unknown {
  if (!details || typeof details !== 'object' || Array.isArray(details)) return details;
  const out: Record<string, unknown> = { ...details };
  for (const key of ['fields', 'errors']) {
    const list = out[key];
    if (!Array.isArray(list)) continue;
    out[key] = list.map((entry) => {
      if (!entry || typeof entry !== 'object' || !isFieldReason((entry as FieldProblem).reason)) return entry;
      const { params, ...rest } = entry as FieldProblem;
      return { ...rest, message: fieldMessage(rest.reason, lang, params) };
    });
  }
  return out;
}

/** The JSON body for an error in the chosen language, field problems in `details` included. */
export function errorBody(code: ErrorCode, lang: Lang, details?: unknown) {
  const entry = errorCatalog[code];
  return {
    error: {
      code,
      message: lang === 'en' ? entry.en : entry.zh,
      ...(details === undefined ? {} : { details: localizeDetails(details, lang) }),
    },
  };
}
