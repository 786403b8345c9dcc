<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AccountsDialog</name>
    <message>
        <location filename="../../ui/accounts_dialog.py" line="+42"/>
        <source>Tài khoản</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+22"/>
        <source>Tên đăng nhập</source>
        <translation>User name</translation>
    </message>
    <message>
        <location line="-22"/>
        <location line="+22"/>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location line="-22"/>
        <location line="+23"/>
        <source>Vai trò</source>
        <translation>Role</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Tình trạng</source>
        <translation>State</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tạm khóa đến</source>
        <translation>Locked until</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Đặt lại mật khẩu…</source>
        <translation>Set password…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Khóa / mở tài khoản</source>
        <translation>Close / reopen account</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Mật khẩu ban đầu</source>
        <translation>First password</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Thêm tài khoản</source>
        <translation>Add account</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+37"/>
        <source>Đang dùng</source>
        <translation>In use</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>Đã khóa</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Đặt lại mật khẩu</source>
        <translation>Set password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mật khẩu mới cho {user}:</source>
        <translation>New password for {user}:</translation>
    </message>
</context>
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../../ui/action_dialogs.py" line="+38"/>
        <source>{action} — hồ sơ {code}</source>
        <translation>{action} — dossier {code}</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Xác nhận (Enter)</source>
        <translation>Confirm (Enter)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Ghi chú</source>
        <translation>&amp;Note</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <location filename="../../ui/labels.py" line="+74"/>
        <source>Tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nhập từ sổ theo dõi</source>
        <translation>Imported from the ledger</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chuyển xử lý</source>
        <translation>Transfer for processing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yêu cầu bổ sung hồ sơ</source>
        <translation>Request missing papers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đã nhận hồ sơ bổ sung</source>
        <translation>Missing papers received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chờ nộp phí, thuế</source>
        <translation>Wait for fees, taxes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đã nộp phí, thuế</source>
        <translation>Fees, taxes paid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Có kết quả</source>
        <translation>Result ready</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trả kết quả</source>
        <translation>Return result</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Từ chối giải quyết</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rút hồ sơ</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Xin lỗi, hẹn lại</source>
        <translation>Apologise, new appointment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Từ chối giải quyết sau thẩm tra</source>
        <translation>Refuse after review</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dừng giải quyết theo đề nghị</source>
        <translation>Stop at the applicant&apos;s request</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đóng hồ sơ không bổ sung</source>
        <translation>Close: papers never supplemented</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Xin lỗi, gia hạn</source>
        <translation>Apologise, extend</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hủy do tiếp nhận nhầm</source>
        <translation>Cancelled: taken in error</translation>
    </message>
</context>
<context>
    <name>Alerts</name>
    <message>
        <location filename="../../ui/alerts.py" line="+60"/>
        <source>Sắp đến hạn: {soon} · Quá hạn: {late} · Quá hạn quy định: {stat} · Cần xin lỗi: {apology}</source>
        <translation>Due soon: {soon} · Overdue: {late} · Past statutory deadline: {stat} · Apology due: {apology}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{label}: {n} hồ sơ (thêm {more})</source>
        <translation>{label}: {n} dossier(s) ({more} more)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Một cửa: có hồ sơ cần chú ý</source>
        <translation>One-stop counter: dossiers need attention</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Một cửa</source>
        <translation>One-stop counter</translation>
    </message>
</context>
<context>
    <name>ApologyDialog</name>
    <message>
        <location filename="../../ui/action_dialogs.py" line="+138"/>
        <source>Hồ sơ dự kiến quá hạn: ghi lý do và thời gian đề nghị gia hạn, chậm nhất 01 ngày trước ngày hẹn trả, một lần (Điều 19 khoản 6 Nghị định 118/2025/NĐ-CP). Văn bản xin lỗi và đề nghị gia hạn (Mẫu 04) sẽ được in.</source>
        <translation>The dossier is expected to be late: record the reason and the extension asked for, at the latest one day before the appointment, once (Decree 118/2025, art. 19(6)). The apology and extension letter (form 04) will be printed.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hồ sơ đã quá hạn hẹn trả: ghi lý do chậm trễ và hẹn lại ngày trả kết quả. Phiếu xin lỗi và hẹn lại (Mẫu 04) sẽ được in.</source>
        <translation>The dossier is past its appointment: give the reason for the delay and a new appointment. The apology letter (Form 04) will be printed.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Lý do chậm trễ</source>
        <translation>&amp;Reason for the delay</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Hẹn lại lúc</source>
        <translation>&amp;New appointment</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Thư điện tử</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tin nhắn</source>
        <translation>Text message</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Trực tiếp</source>
        <translation>In person</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Đã báo người nộp qua</source>
        <translation>Applicant told by</translation>
    </message>
</context>
<context>
    <name>AutoBackup</name>
    <message>
        <location filename="../../ui/auto_backup.py" line="+79"/>
        <source>Chưa sao lưu được cơ sở dữ liệu: {error}</source>
        <translation>Could not back up the database: {error}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Đã sao lưu cơ sở dữ liệu: {path}</source>
        <translation>Database backed up: {path}</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../ui/login_dialog.py" line="+93"/>
        <source>Đổi mật khẩu (Enter)</source>
        <translation>Change password (Enter)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Đổi mật khẩu</source>
        <translation>Change password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tài khoản {user} ({name}). Mật khẩu mới từ {n} ký tự, không dùng mật khẩu phổ biến hay tên đăng nhập; chỉ người dùng biết.</source>
        <translation>Account {user} ({name}). The new password has at least {n} characters, is not a common password nor the user name; only the user knows it.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mật khẩu hiện tại</source>
        <translation>Current password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mật khẩu mới</source>
        <translation>New password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nhập lại mật khẩu mới</source>
        <translation>New password again</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hai lần nhập mật khẩu mới không giống nhau.</source>
        <translation>The two new passwords differ.</translation>
    </message>
</context>
<context>
    <name>ChartsPage</name>
    <message>
        <location filename="../../ui/charts_page.py" line="+70"/>
        <source>Khoảng thời gian:</source>
        <translation>Period:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{n} tuần gần nhất</source>
        <translation>last {n} weeks</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Hồ sơ tiếp nhận và đã giải quyết theo tuần</source>
        <translation>Dossiers received and resolved per week</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tỷ lệ giải quyết đúng hạn theo tuần (%)</source>
        <translation>On-time rate per week (%)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hồ sơ quá hạn hiện nay theo phòng, ban</source>
        <translation>Dossiers now late, by department</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Lưu ảnh PNG…</source>
        <translation>Save as PNG…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Đang tính số liệu…</source>
        <translation>Computing the figures…</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đã giải quyết</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Đúng hạn (%)</source>
        <translation>On time (%)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Quá hạn hẹn trả</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quá thời hạn quy định</source>
        <translation>Past statutory deadline</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Lưu biểu đồ</source>
        <translation>Save chart</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+5"/>
        <source>Không lưu được</source>
        <translation>Could not save</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Không ghi được tệp {path}.</source>
        <translation>Could not write {path}.</translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <location filename="../../ui/connection_dialog.py" line="+42"/>
        <location line="+112"/>
        <source>Kết nối cơ sở dữ liệu</source>
        <translation>Database connection</translation>
    </message>
    <message>
        <location line="-109"/>
        <source>tên máy hoặc địa chỉ IP, ví dụ 192.168.1.10</source>
        <translation>host name or IP address, e.g. 192.168.1.10</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Nhớ mật khẩu trong tệp pgpass của người dùng này trên máy</source>
        <translation>Remember the password in this user&apos;s pgpass file on this computer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mật khẩu không được lưu trong cài đặt của chương trình: PostgreSQL đọc nó từ tệp pgpass (chỉ người dùng này đọc được) hoặc từ biến môi trường PGPASSWORD.</source>
        <translation>The password is not kept in the program&apos;s settings: PostgreSQL reads it from the pgpass file (readable by this user only) or from the PGPASSWORD environment variable.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Máy chủ</source>
        <translation>Server</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cổng</source>
        <translation>Port</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tên cơ sở dữ liệu</source>
        <translation>Database name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Người dùng</source>
        <translation>User</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Kiểm tra kết nối</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dùng SQLite trên máy này</source>
        <translation>Use SQLite on this computer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bỏ kết nối đã lưu: bàn này dùng lại cơ sở dữ liệu trên máy</source>
        <translation>Forget the saved connection: this desk goes back to the database on this computer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Kết nối được: {version}.</source>
        <translation>Connected: {version}.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Không ghi được mật khẩu vào tệp pgpass: {error}</source>
        <translation>Could not write the password to the pgpass file: {error}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Không ghi được tệp cấu hình kết nối: {error}</source>
        <translation>Could not write the connection file: {error}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Đã lưu cho bàn này. Chương trình dùng cơ sở dữ liệu mới từ lần khởi động sau (--database hoặc ONESTOP_DATABASE_URL, nếu có, vẫn được ưu tiên).</source>
        <translation>Saved for this desk. The program uses the new database from its next start (--database or ONESTOP_DATABASE_URL, when given, still come first).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Không mở được cơ sở dữ liệu</source>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kết nối cơ sở dữ liệu…</source>
        <translation>Database connection…</translation>
    </message>
</context>
<context>
    <name>DossierWindow</name>
    <message>
        <location filename="../../ui/dossier_window.py" line="+58"/>
        <source>Trước hạn</source>
        <translation>Early</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đúng hạn</source>
        <translation>On time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quá hạn</source>
        <translation>Late</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hẹn khi tiếp nhận</source>
        <translation>Given at receipt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tính lại từ đầu sau bổ sung</source>
        <translation>Restarted after missing papers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tính tiếp thời gian còn lại</source>
        <translation>Resumed with the time left</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Xin lỗi, hẹn lại</source>
        <translation>Apology, new appointment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Xin lỗi, gia hạn (một lần)</source>
        <translation>Apology and extension (once)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Phiếu yêu cầu bổ sung hồ sơ {code}</source>
        <translation>Request for missing papers {code}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phiếu từ chối giải quyết hồ sơ {code}</source>
        <translation>Refusal {code}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phiếu xin lỗi và hẹn lại {code}</source>
        <translation>Apology and new appointment {code}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phiếu kiểm soát quá trình giải quyết {code}</source>
        <translation>Process control slip {code}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Văn bản xin lỗi và đề nghị gia hạn {code}</source>
        <translation>Apology and extension request {code}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thông báo dừng giải quyết hồ sơ {code}</source>
        <translation>Notice of stopped processing {code}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>chờ bổ sung hồ sơ</source>
        <translation>waiting for missing papers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>chờ nộp phí, thuế</source>
        <translation>waiting for fees, taxes</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Hồ sơ {code}</source>
        <translation>Dossier {code}</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Hồ sơ và người nộp</source>
        <translation>Dossier and applicant</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Số giấy tờ</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hình thức nộp</source>
        <translation>Submitted via</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phòng ban xử lý</source>
        <translation>Processing department</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Thành phần hồ sơ</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+73"/>
        <source>Ghi chú</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="-70"/>
        <source>Thời hạn</source>
        <translation>Deadlines</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+77"/>
        <source>Hẹn trả kết quả</source>
        <translation>Appointment</translation>
    </message>
    <message>
        <location line="-76"/>
        <location line="+76"/>
        <source>Hạn theo quy định</source>
        <translation>Statutory deadline</translation>
    </message>
    <message>
        <location line="-76"/>
        <source>Hẹn lại (xin lỗi)</source>
        <translation>New appointment (apology)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đồng hồ</source>
        <translation>Clock</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kết quả</source>
        <translation>Result</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trả kết quả</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Quá trình giải quyết</source>
        <translation>Processing history</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Các lần hẹn trả kết quả</source>
        <translation>Appointments given</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Thao tác (Alt + chữ gạch chân)</source>
        <translation>Actions (Alt + underlined letter)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hồ sơ đã kết thúc: không còn thao tác nào.</source>
        <translation>The dossier is closed: no actions left.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>In lại giấy tiếp nhận</source>
        <translation>Reprint receipt</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Đóng (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Thời điểm</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Thao tác</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Người thực hiện</source>
        <translation>By</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chuyển cho</source>
        <translation>Handed to</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Ngày hẹn</source>
        <translation>Given on</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Loại</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Người hẹn</source>
        <translation>Given by</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Hồ sơ &lt;b&gt;{code}&lt;/b&gt; — {status}</source>
        <translation>Dossier &lt;b&gt;{code}&lt;/b&gt; — {status}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Số CCCD</source>
        <translation>Citizen ID (CCCD)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mã số thuế</source>
        <translation>Tax code</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{channel}, {n} bộ</source>
        <translation>{channel}, {n} set(s)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Đồng hồ dừng, còn {span} khi dừng</source>
        <translation>Clock stopped, {span} left when it stopped</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>còn {span}</source>
        <translation>{span} left</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Thời gian làm việc: {left}</source>
        <translation>Working time: {left}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Đã quá hạn từ {at}</source>
        <translation>Late since {at}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Dừng từ {at} ({why})</source>
        <translation>Stopped since {at} ({why})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Có kết quả lúc {at}: {kind}</source>
        <translation>Result ready at {at}: {kind}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>người nộp</source>
        <translation>the applicant</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>người được ủy quyền</source>
        <translation>an authorised person</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{at}, cho {who}: {name} ({id})</source>
        <translation>{at}, to {who}: {name} ({id})</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>In phiếu kiểm soát (Mẫu {number})</source>
        <translation>Print control slip (Form {number})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In phiếu xin lỗi (Mẫu {number})</source>
        <translation>Print apology (Form {number})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In văn bản gia hạn (Mẫu {number})</source>
        <translation>Print extension (Form {number})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In thông báo dừng (Mẫu {number})</source>
        <translation>Print stop notice (Form {number})</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Hồ sơ {code} đã trả kết quả: không còn kết quả nào để trả.</source>
        <translation>Dossier {code} has been returned: there is no result left to hand over.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hồ sơ {code} chưa có kết quả để trả (trạng thái: {status}). Phím Enter không thực hiện thao tác nào; chọn thao tác bằng Alt + chữ gạch chân.</source>
        <translation>Dossier {code} has no result to hand over yet (status: {status}). Enter does nothing here; choose an action with Alt + the underlined letter.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Thời hạn được tính lại từ đầu kể từ lúc nhận đủ hồ sơ.</source>
        <translation>The full time counts again from the moment the papers are complete.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Thời hạn được tính tiếp phần thời gian còn lại.</source>
        <translation>The clock resumes with the time that was left.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Người nộp không bổ sung hồ sơ trong thời hạn: đóng hồ sơ (Điều 19 khoản 5 Nghị định 118/2025/NĐ-CP). Hồ sơ không được tính là đã giải quyết.</source>
        <translation>The applicant did not supplement the papers in time: close the dossier (Decree 118/2025, art. 19(5)). It is not counted as resolved.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kết quả đã có tại Bộ phận tiếp nhận và trả kết quả, chờ trả cho người nộp.</source>
        <translation>The result is at the reception and results counter, waiting for the applicant.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Đã ghi: {action}.</source>
        <translation>Recorded: {action}.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Không in được: {error}</source>
        <translation>Cannot print: {error}</translation>
    </message>
</context>
<context>
    <name>FiguresPage</name>
    <message>
        <location filename="../../ui/figures_page.py" line="+104"/>
        <source>Lưu thành tệp</source>
        <translation>Save as file</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Đang lưu {name}…</source>
        <translation>Saving {name}…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Đã lưu {name}.</source>
        <translation>Saved {name}.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Không lưu được</source>
        <translation>Could not save</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Đang tính số liệu…</source>
        <translation>Computing the figures…</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <location filename="../../ui/login_dialog.py" line="-51"/>
        <source>Tạo tài khoản (Enter)</source>
        <translation>Create account (Enter)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bước 1/2: Tạo tài khoản quản trị</source>
        <translation>Step 1/2: create the administrator account</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chưa có tài khoản nào. Người cài đặt tạo tài khoản quản trị; sau đó quản trị tạo tài khoản cho cán bộ và lãnh đạo. Chương trình không có mật khẩu mặc định.</source>
        <translation>There is no account yet. Whoever installs the program creates the administrator, who then creates the officers&apos; and supervisors&apos; accounts. There is no default password.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tên đăng nhập</source>
        <translation>User name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mật khẩu (từ {n} ký tự)</source>
        <translation>Password (at least {n} characters)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nhập lại mật khẩu</source>
        <translation>Password again</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Thoát chương trình?</source>
        <translation>Quit the program?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chưa có tài khoản quản trị nên chương trình sẽ đóng. Thoát?</source>
        <translation>There is no administrator account yet, so the program will close. Quit?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Thoát</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ở &amp;lại</source>
        <translation>&amp;Stay</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Hai lần nhập mật khẩu không giống nhau.</source>
        <translation>The two passwords differ.</translation>
    </message>
</context>
<context>
    <name>IntakeForm</name>
    <message>
        <location filename="../../ui/intake_form.py" line="+148"/>
        <source>Thủ tục hành chính</source>
        <translation>Administrative procedure</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gõ mã hoặc tên thủ tục, không cần dấu…</source>
        <translation>Type a procedure code or name, diacritics optional…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Thành phần hồ sơ đã nhận (Space để đánh dấu)</source>
        <translation>Documents received (Space to tick)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Giấy tờ</source>
        <translation>Document</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hình thức</source>
        <translation>Form</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Số lượng</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Đã nhận đủ tất cả</source>
        <translation>All received</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Người nộp hồ sơ</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Đối tượng</source>
        <translation>Applicant type</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hồ sơ</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Hình thức nộp</source>
        <translation>Submitted via</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Số bộ hồ sơ</source>
        <translation>Number of sets</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ghi chú</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Lưu (Enter)</source>
        <translation>Save (Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lưu và in (Ctrl+P)</source>
        <translation>Save and print (Ctrl+P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Làm mới (Esc Esc)</source>
        <translation>Clear (Esc Esc)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Hướng dẫn bổ sung (Mẫu 02)</source>
        <translation>Missing papers (Form 02)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Từ chối tiếp nhận (Mẫu 03)</source>
        <translation>Refuse to receive (Form 03)</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Lĩnh vực: {field}; {level}; thời hạn theo quy định: {stat}; cam kết: {committed}; lệ phí: {fee}</source>
        <translation>Field: {field}; {level}; statutory time: {stat}; committed: {committed}; fee: {fee}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Không bắt buộc: chỉ nộp khi người nộp thuộc trường hợp này.</source>
        <translation>Optional: only handed over when the applicant&apos;s case applies.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tên tổ chức</source>
        <translation>Organisation name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Số CCCD</source>
        <translation>Citizen ID (CCCD)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mã số thuế</source>
        <translation>Tax code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>12 chữ số</source>
        <translation>12 digits</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>10 hoặc 13 chữ số</source>
        <translation>10 or 13 digits</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Chọn thủ tục để xem ngày hẹn trả kết quả.</source>
        <translation>Choose a procedure to see the appointment date.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;b&gt;Hẹn trả kết quả: {due}&lt;/b&gt;&lt;br&gt;Hạn theo quy định: {stat}</source>
        <translation>&lt;b&gt;Appointment: {due}&lt;/b&gt;&lt;br&gt;Statutory deadline: {stat}</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Hồ sơ chưa đủ</source>
        <translation>Incomplete dossier</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Nhấn Esc lần nữa để xóa những gì đã nhập.</source>
        <translation>Press Esc again to clear what was typed.</translation>
    </message>
    <message>
        <location line="-101"/>
        <source>Chưa lưu: hãy sửa các mục báo đỏ.</source>
        <translation>Not saved: correct the fields marked in red.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Đã tiếp nhận hồ sơ &lt;b&gt;{code}&lt;/b&gt;. Hẹn trả kết quả: {due}.</source>
        <translation>Dossier &lt;b&gt;{code}&lt;/b&gt; received. Appointment: {due}.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Còn {n} giấy tờ bắt buộc chưa đánh dấu đã nhận:</source>
        <translation>{n} required paper(s) not marked as received:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>«Quay lại» để đánh dấu, hoặc in «Hướng dẫn bổ sung (Mẫu 02)» cho người nộp.</source>
        <translation>“Go back” to mark them, or print “Supplement guidance (Form 02)” for the applicant.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Vẫn tiếp nhận</source>
        <translation>Recei&amp;ve anyway</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quay lại</source>
        <translation>&amp;Go back</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Đã lưu phiếu nhưng không in được: {error}</source>
        <translation>Slip saved but not printed: {error}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Phiếu hướng dẫn bổ sung hồ sơ — {name}</source>
        <translation>Missing papers guidance — {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đã lập phiếu hướng dẫn bổ sung hồ sơ (Mẫu 02) cho {name}; không cấp mã hồ sơ.</source>
        <translation>Missing papers guidance (Form 02) issued to {name}; no dossier code given.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Phiếu từ chối tiếp nhận hồ sơ — {name}</source>
        <translation>Refusal to receive — {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đã lập phiếu từ chối tiếp nhận hồ sơ (Mẫu 03) cho {name}; không cấp mã hồ sơ.</source>
        <translation>Refusal to receive (Form 03) issued to {name}; no dossier code given.</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../ui/labels.py" line="-73"/>
        <source>Đang giải quyết</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sắp đến hạn</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quá hạn hẹn trả</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quá thời hạn quy định</source>
        <translation>Past statutory deadline</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cần xin lỗi</source>
        <translation>Apology due</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Có kết quả hôm nay</source>
        <translation>Finished today</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mới tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đang xử lý</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chờ bổ sung</source>
        <translation>Awaiting supplement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chờ nộp phí, thuế</source>
        <translation>Awaiting fees, taxes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Có kết quả</source>
        <translation>Result ready</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đã trả kết quả</source>
        <translation>Result returned</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Từ chối</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rút hồ sơ</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Từ chối sau thẩm tra</source>
        <translation>Refused after review</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dừng giải quyết</source>
        <translation>Stopped</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đóng hồ sơ (không bổ sung)</source>
        <translation>Closed (not supplemented)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hủy do tiếp nhận nhầm</source>
        <translation>Cancelled: taken in error</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Trực tiếp</source>
        <translation>In person</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bưu chính công ích</source>
        <translation>Public postal service</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trực tuyến</source>
        <translation>Online</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cá nhân</source>
        <translation>Individual</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tổ chức</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cấp xã</source>
        <translation>Commune level</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cấp huyện</source>
        <translation>District level</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cấp tỉnh</source>
        <translation>Province level</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Phòng, ban</source>
        <translation>Department</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lĩnh vực</source>
        <translation>Field</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cán bộ xử lý</source>
        <translation>Handling officer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tháng</source>
        <translation>Month</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quý</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sáu tháng</source>
        <translation>Six months</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Năm</source>
        <translation>Year</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tùy chọn</source>
        <translation>Custom</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cán bộ tiếp nhận và trả kết quả</source>
        <translation>Counter officer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lãnh đạo, giám sát</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quản trị hệ thống</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>bản chính</source>
        <translation>original</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bản sao</source>
        <translation>copy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bản sao chứng thực</source>
        <translation>certified copy</translation>
    </message>
</context>
<context>
    <name>LateItemsModel</name>
    <message>
        <location filename="../../ui/late_review_page.py" line="+48"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Phòng, ban</source>
        <translation>Department</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cán bộ xử lý</source>
        <translation>Handling officer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hẹn trả</source>
        <translation>Appointment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quá (ngày LV)</source>
        <translation>Late (working days)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mức độ</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Đã xin lỗi</source>
        <translation>Apologised</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>còn {days}</source>
        <translation>{days} left</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Có</source>
        <translation>Yes</translation>
    </message>
</context>
<context>
    <name>LateReviewPage</name>
    <message>
        <location line="+11"/>
        <source>Nhóm theo:</source>
        <translation>Group by:</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Xin lỗi:</source>
        <translation>Apology:</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+73"/>
        <source>Tất cả</source>
        <translation>All</translation>
    </message>
    <message>
        <location line="-73"/>
        <source>Đã xin lỗi</source>
        <translation>Apologised</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Chưa xin lỗi</source>
        <translation>Not apologised</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Làm mới</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Nhóm</source>
        <translation>Group</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Quá hạn</source>
        <translation>Late</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Quá hạn QĐ</source>
        <translation>Past statutory</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sắp hạn</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Xin lỗi</source>
        <translation>Apologised</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Đang tính số liệu…</source>
        <translation>Computing the figures…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{overdue} quá hạn, trong đó {statutory} quá thời hạn quy định; {soon} sắp đến hạn</source>
        <translation>{overdue} late, of which {statutory} past the statutory time; {soon} due soon</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login_dialog.py" line="-47"/>
        <source>Đăng nhập (Enter)</source>
        <translation>Sign in (Enter)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Đăng nhập</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mọi thao tác được ghi tên người làm.</source>
        <translation>Every action is recorded with the name of who did it.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tên đăng nhập</source>
        <translation>User name</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
</context>
<context>
    <name>LogsDialog</name>
    <message>
        <location filename="../../ui/logs_dialog.py" line="+18"/>
        <source>Nhật ký</source>
        <translation>Logs</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Quản trị: tài khoản, danh mục, cài đặt</source>
        <translation>Administration: accounts, catalogue, settings</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Việc</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Xuất, in dữ liệu cá nhân</source>
        <translation>Exports and prints of personal data</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tệp, giấy tờ</source>
        <translation>File or paper</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Thời điểm</source>
        <translation>When</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Người thực hiện</source>
        <translation>Who</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Chi tiết</source>
        <translation>Detail</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="+67"/>
        <location line="+329"/>
        <source>Một cửa — {agency}</source>
        <translation>One-stop counter — {agency}</translation>
    </message>
    <message>
        <location line="-320"/>
        <source>Tiếp nhận hồ sơ (F2)</source>
        <translation>Receive dossier (F2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Theo dõi hồ sơ (F3)</source>
        <translation>Track dossiers (F3)</translation>
    </message>
    <message>
        <location line="+123"/>
        <source>Đã lưu {path}.</source>
        <translation>Saved {path}.</translation>
    </message>
    <message>
        <location line="-118"/>
        <source>Giám sát (F5)</source>
        <translation>Supervision (F5)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Chưa cấu hình cơ quan: giấy tờ in ra ghi «CHƯA CẤU HÌNH CƠ QUAN» cho đến khi lưu «Cài đặt».</source>
        <translation>Agency not set: printed papers say “AGENCY NOT CONFIGURED” until “Settings” are saved.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Công cụ</source>
        <translation>Tools</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tiếp nhận</source>
        <translation>Receive</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Theo dõi</source>
        <translation>Track</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quét mã</source>
        <translation>Scan</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Giám sát</source>
        <translation>Supervision</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tài khoản</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nhật ký</source>
        <translation>Logs</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Máy in</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Đổi mật khẩu</source>
        <translation>Change password</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Kết nối cơ sở dữ liệu…</source>
        <translation>Database connection…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cán bộ và quét mã</source>
        <translation>Officer and scanning</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> Cán bộ: </source>
        <translation> Officer: </translation>
    </message>
    <message>
        <location line="+3"/>
        <source> Quét mã QR (F4): </source>
        <translation> Scan QR code (F4): </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Đưa biên nhận vào máy quét hoặc gõ mã hồ sơ rồi Enter</source>
        <translation>Scan a receipt, or type a dossier code and press Enter</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Tìm theo mã, tên (không cần dấu), điện thoại, CCCD…</source>
        <translation>Search by code, name (accents optional), phone, ID…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>sắp đến hạn</source>
        <translation>due soon</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>quá hạn hẹn trả</source>
        <translation>past the appointment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;quá thời hạn quy định&lt;/b&gt;</source>
        <translation>&lt;b&gt;past the statutory time&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Tìm thấy {n} hồ sơ.</source>
        <translation>{n} dossier(s) found.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Đã lưu hồ sơ {code}.</source>
        <translation>Dossier {code} saved.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Không đọc được mã hồ sơ từ «{text}».</source>
        <translation>Could not read a dossier code from “{text}”.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Không tìm thấy</source>
        <translation>Not found</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Đã trả kết quả hồ sơ {code}.</source>
        <translation>Result of dossier {code} returned.</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Cỡ chữ {n} % chỉ dùng lần này: không ghi được {path}.</source>
        <translation>Text size {n} % for this session only: could not write {path}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cỡ chữ: {n} % (Ctrl+= lớn hơn, Ctrl+- nhỏ hơn, Ctrl+0 như cũ).</source>
        <translation>Text size: {n} % (Ctrl+= larger, Ctrl+- smaller, Ctrl+0 as before).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Máy tính này chưa có máy in (hoặc máy in đã chọn không còn). Cài máy in rồi chọn trong «Máy in»; Ctrl+Shift+P xem trước và lưu ra tệp PDF.</source>
        <translation>This computer has no printer (or the chosen one is gone). Install a printer and choose it under “Printer”; Ctrl+Shift+P previews and saves to a PDF file.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Máy in «{printer}» không nhận bản in: kiểm tra máy in đã bật, có giấy và đã nối với máy tính.</source>
        <translation>The printer “{printer}” did not take the job: check that it is on, has paper and is connected.</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Đã gửi «{title}» tới máy in {printer}.</source>
        <translation>Sent “{title}” to the printer {printer}.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Chưa in được «{title}»</source>
        <translation>“{title}” not printed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hồ sơ đã được lưu; in lại từ cửa sổ hồ sơ (F4, quét hoặc gõ mã).</source>
        <translation>The dossier is saved; print again from the dossier window (F4, scan or type the code).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Đã hiểu</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Không in được</source>
        <translation>Cannot print</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Không lưu được bản lưu</source>
        <translation>Could not save the copy</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Đã lưu bản giấy tiếp nhận: {path}</source>
        <translation>Receipt saved: {path}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Giấy tiếp nhận {code}</source>
        <translation>Receipt {code}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Đã đổi mật khẩu.</source>
        <translation>Password changed.</translation>
    </message>
</context>
<context>
    <name>PeriodPicker</name>
    <message>
        <location filename="../../ui/period_picker.py" line="+20"/>
        <source>Kỳ:</source>
        <translation>Period:</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>năm</source>
        <translation>year</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>từ</source>
        <translation>from</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>đến</source>
        <translation>to</translation>
    </message>
</context>
<context>
    <name>PrinterDialog</name>
    <message>
        <location filename="../../ui/printer_dialog.py" line="+12"/>
        <source>Máy in của bàn này</source>
        <translation>This desk&apos;s printer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Máy in mặc định của máy tính</source>
        <translation>The computer&apos;s default printer</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{name} (không còn trên máy này)</source>
        <translation>{name} (no longer on this computer)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Xem trước mỗi lần in</source>
        <translation>Preview every time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Máy in</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Khổ giấy</source>
        <translation>Paper</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{paper} (đổi trong «Cài đặt»)</source>
        <translation>{paper} (change it in “Settings”)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ctrl+P in ngay ra máy in này; Ctrl+Shift+P xem trước rồi in.</source>
        <translation>Ctrl+P prints straight to this printer; Ctrl+Shift+P previews first.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Không lưu được</source>
        <translation>Could not save</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Không ghi được tệp {path}: hãy kiểm tra thư mục dữ liệu.</source>
        <translation>Could not write {path}: check the data folder.</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../../ui/queue_model.py" line="+28"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hẹn trả</source>
        <translation>Appointment</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Còn lại</source>
        <translation>Time left</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Hạn theo quy định: {0}</source>
        <translation>Statutory deadline: {0}</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../ui/action_dialogs.py" line="-53"/>
        <source>Người nộp rút hồ sơ: hồ sơ kết thúc, không giải quyết tiếp.</source>
        <translation>The applicant withdraws the dossier: it is closed and not processed further.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Lý do rút hồ sơ</source>
        <translation>&amp;Reason for withdrawal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Người nộp đề nghị dừng giải quyết (Điều 21 Nghị định 118/2025/NĐ-CP): hồ sơ kết thúc. Thông báo dừng giải quyết hồ sơ (Mẫu 05) sẽ được in.</source>
        <translation>The applicant asks to stop (Decree 118/2025, art. 21): the dossier ends. The stop notice (form 05) will be printed.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Lý do dừng</source>
        <translation>&amp;Reason for stopping</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hồ sơ tiếp nhận nhầm: giữ mã và lịch sử, không tính vào danh sách và số liệu nào.</source>
        <translation>Dossier taken in error: its code and history are kept; it leaves every list and figure.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Lý do hủy</source>
        <translation>&amp;Reason for cancelling</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Ví dụ: bản chính giấy tờ, lệ phí đã nộp</source>
        <translation>E.g. original papers, fees paid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đã &amp;trả lại</source>
        <translation>&amp;Handed back</translation>
    </message>
</context>
<context>
    <name>ReceptionSlipDialog</name>
    <message>
        <location filename="../../ui/intake_form.py" line="-422"/>
        <source>Hướng dẫn bổ sung, hoàn thiện hồ sơ (Mẫu 02)</source>
        <translation>Guidance to complete the dossier (Form 02)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hồ sơ chưa đủ để tiếp nhận: phiếu hướng dẫn được in cho người nộp, không cấp mã hồ sơ.</source>
        <translation>The dossier is not complete enough to receive: a guidance slip is printed for the applicant, no dossier code is given.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mỗi dòng một giấy tờ cần bổ sung, hoàn thiện</source>
        <translation>One missing or incomplete paper per line</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Giấy tờ cần bổ sung
(Ctrl+Enter để in)</source>
        <translation>&amp;Missing papers
(Ctrl+Enter to print)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Từ chối tiếp nhận hồ sơ (Mẫu 03)</source>
        <translation>Refuse to receive the dossier (Form 03)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hồ sơ không được tiếp nhận: phiếu từ chối được in cho người nộp, không cấp mã hồ sơ.</source>
        <translation>The dossier is not received: a refusal slip is printed for the applicant, no dossier code is given.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ví dụ: Điều 7 Luật Lý lịch tư pháp 2009</source>
        <translation>E.g. Article 7, Law on Judicial Records 2009</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Lý do từ chối
(Ctrl+Enter để in)</source>
        <translation>&amp;Reason for refusal
(Ctrl+Enter to print)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Căn cứ &amp;pháp lý</source>
        <translation>&amp;Legal basis</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Lưu và in phiếu (Enter)</source>
        <translation>Save and print slip (Enter)</translation>
    </message>
</context>
<context>
    <name>RefuseDialog</name>
    <message>
        <location filename="../../ui/action_dialogs.py" line="-38"/>
        <source>Hồ sơ kết thúc với kết quả từ chối. Phiếu từ chối (Mẫu 03) sẽ được in.</source>
        <translation>The dossier ends with a refusal. The refusal notice (Form 03) will be printed.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cơ quan có thẩm quyền từ chối giải quyết sau thẩm tra, trong thời hạn giải quyết. Phiếu từ chối giải quyết hồ sơ sẽ được in.</source>
        <translation>The competent agency refuses after review, within the processing time. The refusal slip will be printed.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ví dụ: Điều 7 Luật Lý lịch tư pháp 2009</source>
        <translation>E.g. Article 7, Law on Judicial Records 2009</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Lý do từ chối</source>
        <translation>&amp;Reason for refusal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Căn cứ &amp;pháp lý</source>
        <translation>&amp;Legal basis</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <location filename="../../ui/report_page.py" line="+21"/>
        <source>Tổng hợp theo:</source>
        <translation>By:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lĩnh vực</source>
        <translation>Field</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Xuất báo cáo PDF…</source>
        <translation>Report as PDF…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Xuất báo cáo Excel…</source>
        <translation>Report as Excel…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Xuất CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sổ theo dõi Excel…</source>
        <translation>Ledger as Excel…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sổ theo dõi hồ sơ PDF…</source>
        <translation>Dossier ledger PDF…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>STT</source>
        <translation>No.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Từ {start} đến {end}: {received} hồ sơ nhận giải quyết; tỷ lệ đúng hạn {rate} %.</source>
        <translation>From {start} to {end}: {received} dossiers to handle; on-time rate {rate} %.</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <location filename="../../ui/action_dialogs.py" line="+88"/>
        <source>Người nộp &amp;trực tiếp nhận</source>
        <translation>The applicant collects in &amp;person</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Người được ủy &amp;quyền nhận</source>
        <translation>An &amp;authorised person collects</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>12 chữ số</source>
        <translation>12 digits</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Họ và tên</source>
        <translation>Full &amp;name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Số CCCD</source>
        <translation>&amp;Citizen ID (CCCD)</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="+48"/>
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bước 2/2: Thông tin cơ quan</source>
        <translation>Step 2/2: the agency</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Nhập thông tin của cơ quan. Cho đến khi lưu, giấy tờ in ra ghi «CHƯA CẤU HÌNH CƠ QUAN». Danh mục thủ tục mẫu đã được nạp; danh mục của cơ quan nhập bằng lệnh «onestop catalogue import TỆP».</source>
        <translation>Enter the agency&apos;s details. Until they are saved, printed papers say “AGENCY NOT CONFIGURED”. The sample catalogue of procedures is loaded; import the agency&apos;s own with “onestop catalogue import FILE”.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Làm việc sáng thứ Bảy</source>
        <translation>Open on Saturday mornings</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>ngày/tháng/năm, cách nhau bởi dấu phẩy</source>
        <translation>day/month/year, separated by commas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> giờ làm việc</source>
        <translation> working hours</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>để trống: Times New Roman / Liberation Serif / DejaVu Serif</source>
        <translation>leave empty: Times New Roman / Liberation Serif / DejaVu Serif</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> ngày</source>
        <translation> days</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> phút không thao tác</source>
        <translation> idle minutes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>không tự khóa</source>
        <translation>never lock</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>để trống; hệ thống tập trung: 2 chữ số (Thông tư 04/2025)</source>
        <translation>empty; a centralised system: 2 digits (Circular 04/2025)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mã định danh cơ quan</source>
        <translation>Agency identifier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tên cơ quan, đơn vị</source>
        <translation>Agency name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cơ quan chủ quản</source>
        <translation>Parent agency</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Địa danh (dòng ngày tháng)</source>
        <translation>Place name (date line)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nơi trả kết quả</source>
        <translation>Where results are returned</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Địa chỉ tra cứu trong mã QR</source>
        <translation>Lookup URL in the QR code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Giờ làm việc</source>
        <translation>Office hours</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Giờ chốt nhận hồ sơ trong ngày</source>
        <translation>Same-day intake cut-off</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ngày nghỉ thêm (nghỉ bù)</source>
        <translation>Extra days off</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ngày làm bù</source>
        <translation>Make-up working days</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Báo sắp đến hạn khi còn dưới</source>
        <translation>Due soon when less than</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Khổ giấy biên nhận</source>
        <translation>Receipt paper size</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tệp phông chữ (tùy chọn)</source>
        <translation>Font file (optional)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Giữ bản sao lưu tự động (SQLite) trong</source>
        <translation>Keep automatic backups (SQLite) for</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tự khóa máy sau</source>
        <translation>Lock the desk after</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mã hệ thống tập trung trong mã hồ sơ (AA)</source>
        <translation>Centralised system digits in the dossier code (AA)</translation>
    </message>
</context>
<context>
    <name>SubmitDialog</name>
    <message>
        <location filename="../../ui/submit_dialog.py" line="+61"/>
        <source>Hủy (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
</context>
<context>
    <name>SupervisorDesk</name>
    <message>
        <location filename="../../ui/supervisor_desk.py" line="+36"/>
        <source>Hồ sơ trễ hạn, sắp đến hạn</source>
        <translation>Late and due soon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Báo cáo định kỳ, sổ theo dõi</source>
        <translation>Periodic report, ledger</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cắt giảm thời gian</source>
        <translation>Time cuts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Biểu đồ</source>
        <translation>Charts</translation>
    </message>
</context>
<context>
    <name>SupplementDialog</name>
    <message>
        <location filename="../../ui/action_dialogs.py" line="-129"/>
        <source>Đồng hồ tính thời hạn dừng lại cho đến khi người nộp bổ sung đủ giấy tờ. Phiếu yêu cầu bổ sung (Mẫu 02) sẽ được in.</source>
        <translation>The clock stops until the applicant brings the missing papers. The request (Form 02) will be printed.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mỗi dòng một giấy tờ cần bổ sung, hoàn thiện</source>
        <translation>One missing or incomplete paper per line</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Giấy tờ cần bổ sung
(Ctrl+Enter để xác nhận)</source>
        <translation>&amp;Missing papers
(Ctrl+Enter to confirm)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Lý do</source>
        <translation>&amp;Reason</translation>
    </message>
</context>
<context>
    <name>TargetsPage</name>
    <message>
        <location filename="../../ui/targets_page.py" line="+20"/>
        <source>Xuất PDF…</source>
        <translation>PDF…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Xuất Excel…</source>
        <translation>Excel…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Xuất CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Mã</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Quy định</source>
        <translation>Statutory</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cam kết</source>
        <translation>Committed</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cắt giảm (%)</source>
        <translation>Cut (%)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đã giải quyết</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Trong hạn cam kết (%)</source>
        <translation>Within committed (%)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Trong hạn quy định (%)</source>
        <translation>Within statutory (%)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trung vị (ngày)</source>
        <translation>Median (days)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>90% hồ sơ trong (ngày)</source>
        <translation>90th percentile (days)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Thực tế</source>
        <translation>In practice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Không giữ được cam kết</source>
        <translation>Promise not kept</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Thủ tục cắt giảm từ {cut_target} % trở lên: {cut}/{procedures} ({share} %) — chỉ tiêu {unit_target} %: {met}. Trong kỳ: {resolved} hồ sơ có kết quả, {within} % trong hạn cam kết, {statutory} % trong hạn quy định; {not_kept} thủ tục không giữ được cam kết (đầu bảng).</source>
        <translation>Procedures cut by {cut_target} % or more: {cut}/{procedures} ({share} %) — target {unit_target} %: {met}. In the period: {resolved} dossiers resolved, {within} % within the committed time, {statutory} % within the statutory time; {not_kept} procedures whose promise is not kept (listed first).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>đạt</source>
        <translation>met</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>chưa đạt</source>
        <translation>not met</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <location filename="../../ui/action_dialogs.py" line="-44"/>
        <source>Ví dụ: Phòng Tư pháp</source>
        <translation>E.g. Justice Office</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Phòng ban xử lý</source>
        <translation>&amp;Department</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Cán bộ xử lý</source>
        <translation>&amp;Officer</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../../ui/idle_lock.py" line="+28"/>
        <source>Máy đã khóa</source>
        <translation>Desk locked</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Máy tự khóa sau {minutes} phút không thao tác. Nhập mật khẩu của {name} để làm tiếp; người khác thì thoát chương trình rồi đăng nhập lại.</source>
        <translation>The desk locked itself after {minutes} idle minutes. Enter {name}&apos;s password to go on; anyone else should quit the program and sign in again.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Mở khóa (Enter)</source>
        <translation>Unlock (Enter)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Thoát chương trình</source>
        <translation>Quit the program</translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <location filename="../../ui/crash_dialog.py" line="+19"/>
        <source>Lỗi không mong muốn</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đã xảy ra lỗi không mong muốn; những gì đã lưu trước đó không bị mất, thao tác đang làm có thể chưa được lưu. Chi tiết đã được ghi vào {path}; hãy gửi tệp này cho người quản trị.</source>
        <translation>An unexpected error occurred; what was saved before is not lost, the work in progress may not have been saved. The details were written to {path}; please send this file to the administrator.</translation>
    </message>
</context>
</TS>
