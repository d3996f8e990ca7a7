using HealthDw.Generator.Csv;
using HealthDw.Generator.Model;

namespace HealthDw.Generator.Tables;

internal sealed class UsersTable() : TableSource(
    "register_users", "UIDPK,UID,UFNAME,ULNAME,EMAIL,GENDER,AGE,USERTYPE,UPDATE_AT", 10_300)
{
    public override long Write(DropModel model, CsvTableWriter csv, long maxRows)
    {
        var rows = Math.Min(maxRows, model.Plan.Users);
        for (long i = 0; i < rows; i++)
        {
            var user = model.Users.Get(i);
            csv.Int(user.UidPk);
            csv.Int(user.Uid);
            csv.Text(user.FirstName);
            csv.Text(user.LastName);
            if (user.Email is null)
            {
                csv.Null();
            }
            else
            {
                csv.Text(user.Email);
            }

            csv.Literal(user.Gender switch { 'F' => "F"u8, 'M' => "M"u8, _ => "U"u8 });
            csv.Int(user.Age);
            csv.Literal(user.Type switch
            {
                UserType.Patient => "patient"u8,
                UserType.Provider => "provider"u8,
                _ => "staff"u8,
            });
            csv.Timestamp(user.UpdateAt);
            csv.EndRow();
        }

        return rows;
    }
}
